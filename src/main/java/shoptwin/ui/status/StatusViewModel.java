package shoptwin.ui.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.failover.ConnectionStatus;
import shoptwin.mirror.MirrorHealth;
import shoptwin.store.copy.MirrorTable;
import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.VerifyReport;
import shoptwin.status.Cancellation;
import shoptwin.status.ResyncOutcome;
import shoptwin.status.SyncActions;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;
import shoptwin.ui.main.MirrorIndicator;

/**
 * The Sync status screen: both databases' reachability, the mirror's health, the last hour of
 * backlog and lag, and the Verify / Resync / Retry parked / outage drill commands.
 *
 * <p>Snapshots arrive through {@link #showConnection} and {@link #showHealth} on the FX thread (the
 * view marshals them); {@link #sample} is called every {@link #SAMPLE_EVERY} by the view's timer.
 * Long work runs on the {@link UiExecutor}; progress from the worker thread comes back through
 * {@code uiThread}, coalesced so a fast table cannot flood the FX thread.
 */
public final class StatusViewModel {
    public static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    public static final Duration HISTORY = Duration.ofHours(1);

    /** One line of the verify result table. */
    public record VerifyRow(String table, long rows, long documents, long missing, long extra, long different,
                            String sampleIds) {
        public boolean isEqual() {
            return missing == 0 && extra == 0 && different == 0;
        }
    }

    public enum Job { NONE, VERIFY, RESYNC }

    private final SyncActions actions;
    private final OutageDrill drill;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Executor uiThread;
    private final Clock clock;
    private final ChartHistory history = new ChartHistory((int) (HISTORY.toSeconds() / SAMPLE_EVERY.toSeconds()));

    private ConnectionStatus connection;
    private MirrorHealth health;
    private Cancellation running;

    // ---- Properties: databases
    private final ReadOnlyObjectWrapper<StatusLevel> supabaseLevel = new ReadOnlyObjectWrapper<>(StatusLevel.UNKNOWN);
    private final ReadOnlyStringWrapper supabaseText = new ReadOnlyStringWrapper("Checking…");
    private final ReadOnlyObjectWrapper<StatusLevel> mongoLevel = new ReadOnlyObjectWrapper<>(StatusLevel.UNKNOWN);
    private final ReadOnlyStringWrapper mongoText = new ReadOnlyStringWrapper("Checking…");
    private final ReadOnlyStringWrapper supabaseError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mongoError = new ReadOnlyStringWrapper("");
    // ---- Properties: mirror
    private final ReadOnlyObjectWrapper<StatusLevel> mirrorLevel = new ReadOnlyObjectWrapper<>(StatusLevel.UNKNOWN);
    private final ReadOnlyStringWrapper mirrorState = new ReadOnlyStringWrapper("Not known yet");
    private final ReadOnlyStringWrapper backlog = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper lag = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper lastSuccess = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper changesPerMinute = new ReadOnlyStringWrapper("–");
    private final ReadOnlyLongWrapper parkedCount = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper parked = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper leader = new ReadOnlyStringWrapper("Not known yet");
    private final ObservableList<String> recentErrors = FXCollections.observableArrayList();
    private final ObservableList<ChartHistory.Sample> chartSamples = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<MirrorIndicator> indicator = new ReadOnlyObjectWrapper<>(MirrorIndicator.unknown());
    // ---- Properties: jobs
    private final ReadOnlyObjectWrapper<Job> job = new ReadOnlyObjectWrapper<>(Job.NONE);
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper retryingParked = new ReadOnlyBooleanWrapper(false);
    private final Map<MirrorTable, ReadOnlyDoubleWrapper> progress = new EnumMap<>(MirrorTable.class);
    private final Map<MirrorTable, ReadOnlyStringWrapper> progressText = new EnumMap<>(MirrorTable.class);
    private final ReadOnlyStringWrapper jobMessage = new ReadOnlyStringWrapper("");
    private final ObservableList<VerifyRow> verifyRows = FXCollections.observableArrayList();
    // one read-only view each, kept: a view listens to its list weakly, so a fresh one per call could be collected with the view's listeners
    private final ObservableList<String> recentErrorsView = FXCollections.unmodifiableObservableList(recentErrors);
    private final ObservableList<ChartHistory.Sample> chartSamplesView = FXCollections.unmodifiableObservableList(chartSamples);
    private final ObservableList<VerifyRow> verifyRowsView = FXCollections.unmodifiableObservableList(verifyRows);
    private final Map<MirrorTable, long[]> pendingProgress = new ConcurrentHashMap<>();
    private final AtomicBoolean progressScheduled = new AtomicBoolean();
    // ---- Properties: outage drill
    private final ReadOnlyBooleanWrapper supabaseStopped = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper mongoStopped = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper drillBusy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper drillMessage = new ReadOnlyStringWrapper("");

    /**
     * @param actions  verify / resync / retry parked; null when no MongoDB copy is configured
     * @param drill    the demo's outage drill; null outside demo mode
     * @param uiThread runs progress updates on the FX thread ({@code Platform::runLater}; tests: {@code Runnable::run})
     */
    public StatusViewModel(SyncActions actions, OutageDrill drill, UiExecutor executor, DialogService dialogs,
            Executor uiThread, Clock clock) {
        this.actions = actions;
        this.drill = drill;
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.clock = Objects.requireNonNull(clock);
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            progress.put(t, new ReadOnlyDoubleWrapper(0));
            progressText.put(t, new ReadOnlyStringWrapper(""));
        }
        if (drill != null) {
            supabaseStopped.set(!drill.isSupabaseRunning());
            mongoStopped.set(!drill.isMongoRunning());
        }
    }

    // ================================================================== snapshots in

    /** A new connection snapshot from the monitor (FX thread). */
    public void showConnection(ConnectionStatus status) {
        this.connection = status;
        renderConnection(clock.instant());
    }

    /** A new health snapshot from the mirror (FX thread). */
    public void showHealth(MirrorHealth h) {
        this.health = h;
        renderHealth(clock.instant());
    }

    /** Re-words what depends on the time ("5 s ago", "down for 12 s"); the view calls it every second. */
    public void tick() {
        Instant now = clock.instant();
        renderConnection(now);
        renderHealth(now);
    }

    /** Records one chart point from the latest health; the view calls it every {@link #SAMPLE_EVERY}. */
    public void sample() {
        if (health == null) {
            return;
        }
        Instant now = clock.instant();
        history.add(new ChartHistory.Sample(now, health.backlog(), currentLag(health, now).toMillis() / 1000.0));
        chartSamples.setAll(history.samples());
    }

    /**
     * The lag now: the snapshot's lag plus the time since it was taken while changes still wait (a
     * mirror retrying against a stopped MongoDB publishes rarely, but its oldest change keeps ageing).
     */
    static Duration currentLag(MirrorHealth h, Instant now) {
        if (h.backlog() == 0 || h.updatedAt() == null || !now.isAfter(h.updatedAt())) {
            return h.lag();
        }
        return h.lag().plus(Duration.between(h.updatedAt(), now));
    }

    private void renderConnection(Instant now) {
        ConnectionStatus c = connection;
        if (c == null) {
            return;
        }
        supabaseLevel.set(StatusFormat.databaseLevel(c.supabase()));
        supabaseText.set(StatusFormat.database(c.supabase(), now));
        mongoLevel.set(StatusFormat.databaseLevel(c.mongo()));
        mongoText.set(StatusFormat.database(c.mongo(), now));
        supabaseError.set(StatusFormat.fullError(c.supabase()));
        mongoError.set(StatusFormat.fullError(c.mongo()));
    }

    private void renderHealth(Instant now) {
        MirrorHealth h = health;
        if (h == null) {
            return;
        }
        var zone = clock.getZone();
        StatusLevel level = StatusFormat.mirrorLevel(h);
        mirrorLevel.set(level);
        mirrorState.set(StatusFormat.mirrorState(h, now));
        backlog.set(StatusFormat.count(h.backlog()) + " change" + StatusFormat.plural(h.backlog()));
        Duration lagNow = currentLag(h, now);
        lag.set(StatusFormat.duration(lagNow));
        // no batch since this console started ("never" read as if the copy had never been written)
        lastSuccess.set(h.lastSuccessAt() == null ? "none since start" : StatusFormat.timeAgo(h.lastSuccessAt(), now, zone));
        changesPerMinute.set(StatusFormat.count(h.changesPerMinute()));
        parkedCount.set(h.parkedCount());
        parked.set(StatusFormat.count(h.parkedCount()));
        leader.set(StatusFormat.leader(h, now, zone));
        List<String> errors = new ArrayList<>();
        for (int i = h.recentErrors().size() - 1; i >= 0; i--) {
            errors.add(StatusFormat.error(h.recentErrors().get(i), now, zone));
        }
        if (!errors.equals(recentErrors)) {
            recentErrors.setAll(errors);
        }
        indicator.set(new MirrorIndicator(switch (level) {
            case OK -> MirrorIndicator.Level.OK;
            case WARNING -> MirrorIndicator.Level.WARNING;
            case DANGER -> MirrorIndicator.Level.DANGER;
            case UNKNOWN -> MirrorIndicator.Level.UNKNOWN;
        }, "Mirror: " + mirrorState.get().toLowerCase(java.util.Locale.ROOT) + " · backlog " + StatusFormat.count(h.backlog())
                + (h.backlog() > 0 ? " · lag " + StatusFormat.duration(lagNow) : "")
                + (h.parkedCount() > 0 ? " · " + h.parkedCount() + " parked" : "")));
    }

    // ================================================================== commands

    public boolean actionsAvailable() {
        return actions != null;
    }

    /** Compares both databases in full, in the background; the table below shows what differs. */
    public void verify() {
        if (actions == null || job.get() != Job.NONE) {
            return;
        }
        Cancellation c = begin(Job.VERIFY, "Verifying: comparing every row with its document…");
        verifyRows.clear();
        ProgressListener listener = progressListener();
        BackgroundTask.of(() -> actions.verify(listener, c))
                .onSuccess(this::showVerify)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    jobMessage.set("Verify failed: " + UiErrors.userMessage(f));
                })
                .onFinally(this::end)
                .executeWith(executor);
    }

    /** Asks first, then rebuilds the copy from a PostgreSQL snapshot in the background. */
    public void resync() {
        if (actions == null || job.get() != Job.NONE) {
            return;
        }
        if (!dialogs.confirmDanger("Resync the MongoDB copy?",
                "Resync rebuilds the MongoDB copy from a snapshot of Supabase: every row is written again and "
                        + "documents whose row is gone are removed. The console stays usable and edits made meanwhile "
                        + "are still mirrored. It can take a while on a large shop; you can cancel it.",
                "Resync now")) {
            return;
        }
        Cancellation c = begin(Job.RESYNC, "Resyncing: copying every table from a Supabase snapshot…");
        ProgressListener listener = progressListener();
        BackgroundTask.of(() -> actions.resync(listener, c))
                .onSuccess(this::showResync)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    jobMessage.set("Resync failed: " + UiErrors.userMessage(f) + " Nothing was lost; the mirror keeps the copy converging.");
                })
                .onFinally(this::end)
                .executeWith(executor);
    }

    /** Stops the running verify or resync after its current chunk. */
    public void cancel() {
        Cancellation c = running;
        if (c != null && !c.isCancelled()) {
            cancelling.set(true);
            jobMessage.set("Cancelling…");
            c.cancel();
        }
    }

    /** Sends every parked change back to the change log for another attempt. */
    public void retryParked() {
        if (actions == null || retryingParked.get()) {
            return;
        }
        retryingParked.set(true);
        BackgroundTask.of(actions::retryParked)
                .onSuccess(n -> jobMessage.set(n == 0 ? "No parked changes to retry."
                        : n + " parked change" + StatusFormat.plural(n) + " returned to the change log; the mirror tries them again now."))
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    jobMessage.set("Could not retry the parked changes: " + UiErrors.userMessage(f));
                })
                .onFinally(() -> retryingParked.set(false))
                .executeWith(executor);
    }

    private Cancellation begin(Job which, String message) {
        Cancellation c = new Cancellation();
        running = c;
        pendingProgress.clear();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            progress.get(t).set(0);
            progressText.get(t).set("waiting");
        }
        cancelling.set(false);
        jobMessage.set(message);
        job.set(which);
        return c;
    }

    private void end() {
        running = null;
        cancelling.set(false);
        job.set(Job.NONE);
    }

    private ProgressListener progressListener() {
        return (table, done, total) -> {
            pendingProgress.put(table, new long[] {done, total});
            if (progressScheduled.compareAndSet(false, true)) {
                uiThread.execute(this::applyProgress);
            }
        };
    }

    private void applyProgress() {
        progressScheduled.set(false);
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            long[] p = pendingProgress.remove(t);
            if (p != null) {
                showProgress(t, p[0], p[1]);
            }
        }
    }

    private void showProgress(MirrorTable t, long done, long total) {
        progress.get(t).set(total <= 0 ? 1.0 : Math.min(1.0, (double) done / total));
        progressText.get(t).set(StatusFormat.count(done) + " / " + StatusFormat.count(Math.max(done, total)));
    }

    private void showVerify(VerifyReport report) {
        List<VerifyRow> rows = new ArrayList<>();
        for (VerifyReport.TableReport t : report.tables()) {
            List<String> samples = new ArrayList<>();
            t.missingSamples().forEach(id -> samples.add("missing " + id));
            t.extraSamples().forEach(id -> samples.add("extra " + id));
            t.differentSamples().forEach(id -> samples.add("different " + id));
            rows.add(new VerifyRow(t.table().tableName() + " → " + t.collection(), t.rows(), t.documents(), t.missing(),
                    t.extra(), t.different(), String.join(", ", samples)));
            showProgress(t.table(), t.rows(), t.rows());
        }
        verifyRows.setAll(rows);
        StringBuilder msg = new StringBuilder();
        if (report.cancelled()) {
            msg.append("Verify cancelled: the figures are partial.");
        } else if (report.isEqual()) {
            msg.append("Supabase and MongoDB are equal, row for row.");
        } else {
            long diffs = report.tables().stream().mapToLong(t -> t.missing() + t.extra() + t.different()).sum();
            msg.append("Supabase and MongoDB differ: ").append(StatusFormat.count(diffs)).append(" document")
                    .append(StatusFormat.plural(diffs)).append(" to repair. 'Resync now' rebuilds the copy.");
        }
        if (report.pendingChanges() > 0) {
            msg.append(' ').append(StatusFormat.count(report.pendingChanges()))
                    .append(" change(s) were still waiting to be mirrored; differences they explain go away once the mirror drains them.");
        }
        jobMessage.set(msg.toString());
    }

    private void showResync(ResyncOutcome outcome) {
        for (ResyncOutcome.Table t : outcome.tables()) {
            if (!outcome.cancelled()) {
                showProgress(t.table(), t.rows(), t.rows());
            }
        }
        long written = outcome.tables().stream().mapToLong(ResyncOutcome.Table::written).sum();
        long deleted = outcome.tables().stream().mapToLong(ResyncOutcome.Table::deleted).sum();
        long rejected = outcome.tables().stream().mapToLong(ResyncOutcome.Table::rejected).sum();
        String counts = StatusFormat.count(written) + " document" + StatusFormat.plural(written) + " written, "
                + StatusFormat.count(deleted) + " removed" + (rejected > 0 ? ", " + rejected + " refused by MongoDB (they stay in the change log)" : "");
        jobMessage.set(outcome.cancelled()
                ? "Resync cancelled: " + counts + ". What was written is correct; the mirror keeps the copy converging."
                : "Resync finished in " + StatusFormat.duration(outcome.took()) + ": " + counts + ".");
    }

    // ================================================================== outage drill

    public boolean drillAvailable() {
        return drill != null;
    }

    /** 'Simulate Supabase outage' / 'Restore Supabase'. */
    public void toggleSupabaseOutage() {
        if (drill == null || drillBusy.get()) {
            return;
        }
        boolean stop = !supabaseStopped.get();
        runDrill(stop ? drill::stopSupabase : drill::startSupabase,
                stop ? "Supabase (the demo PostgreSQL) is stopped. Edits fail, the banner offers the backup once the "
                        + "monitor gives up on it, and changes made elsewhere wait in the change log."
                        : "Supabase is running again: switch back from the banner; the mirror drains what waited.",
                stop ? "Stopping Supabase…" : "Starting Supabase…");
    }

    /** 'Simulate MongoDB outage' / 'Restore MongoDB'. */
    public void toggleMongoOutage() {
        if (drill == null || drillBusy.get()) {
            return;
        }
        boolean stop = !mongoStopped.get();
        runDrill(stop ? drill::stopMongo : drill::startMongo,
                stop ? "MongoDB is stopped. Keep editing customers: every change waits in the change log (watch the "
                        + "backlog grow) and nothing is lost."
                        : "MongoDB is running again: the mirror retries and the backlog drains to zero.",
                stop ? "Stopping MongoDB…" : "Starting MongoDB…");
    }

    private void runDrill(Runnable work, String done, String busyText) {
        drillBusy.set(true);
        drillMessage.set(busyText);
        BackgroundTask.run(work::run)
                .onSuccess(v -> drillMessage.set(done))
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    drillMessage.set("The drill step failed: " + UiErrors.userMessage(f));
                })
                .onFinally(() -> {
                    supabaseStopped.set(!drill.isSupabaseRunning());
                    mongoStopped.set(!drill.isMongoRunning());
                    drillBusy.set(false);
                })
                .executeWith(executor);
    }

    // ================================================================== property accessors

    public ReadOnlyObjectProperty<StatusLevel> supabaseLevelProperty() {
        return supabaseLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty supabaseTextProperty() {
        return supabaseText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLevel> mongoLevelProperty() {
        return mongoLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mongoTextProperty() {
        return mongoText.getReadOnlyProperty();
    }

    /** Supabase's last error in full (masked), for the card's tooltip. */
    public ReadOnlyStringProperty supabaseErrorProperty() {
        return supabaseError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mongoErrorProperty() {
        return mongoError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusLevel> mirrorLevelProperty() {
        return mirrorLevel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mirrorStateProperty() {
        return mirrorState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backlogProperty() {
        return backlog.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lagProperty() {
        return lag.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastSuccessProperty() {
        return lastSuccess.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty changesPerMinuteProperty() {
        return changesPerMinute.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty parkedProperty() {
        return parked.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty parkedCountProperty() {
        return parkedCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leaderProperty() {
        return leader.getReadOnlyProperty();
    }

    public ObservableList<String> recentErrors() {
        return recentErrorsView;
    }

    public ObservableList<ChartHistory.Sample> chartSamples() {
        return chartSamplesView;
    }

    public ChartHistory history() {
        return history;
    }

    public ReadOnlyObjectProperty<MirrorIndicator> indicatorProperty() {
        return indicator.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Job> jobProperty() {
        return job.getReadOnlyProperty();
    }

    public BooleanBinding busyBinding() {
        return Bindings.createBooleanBinding(() -> job.get() != Job.NONE, job);
    }

    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty retryingParkedProperty() {
        return retryingParked.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty(MirrorTable table) {
        return progress.get(table).getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty(MirrorTable table) {
        return progressText.get(table).getReadOnlyProperty();
    }

    public ReadOnlyStringProperty jobMessageProperty() {
        return jobMessage.getReadOnlyProperty();
    }

    public ObservableList<VerifyRow> verifyRows() {
        return verifyRowsView;
    }

    public ReadOnlyBooleanProperty supabaseStoppedProperty() {
        return supabaseStopped.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mongoStoppedProperty() {
        return mongoStopped.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty drillBusyProperty() {
        return drillBusy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty drillMessageProperty() {
        return drillMessage.getReadOnlyProperty();
    }
}
