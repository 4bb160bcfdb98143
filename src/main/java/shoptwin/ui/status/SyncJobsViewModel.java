package shoptwin.ui.status;

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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.Reachability;
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

/**
 * "Check and repair the copy": Verify, Resync now, Cancel and Retry parked, one job at a time, with
 * progress per table and the verify result table. Jobs run on the {@link UiExecutor}; progress from
 * the worker thread comes back through {@code uiThread}, coalesced so a fast table cannot flood the
 * FX thread. Both jobs need both databases: while the monitor finds one down they are disabled with the
 * reason said, and a result from before a database went away or came back is cleared, being out of date.
 */
public final class SyncJobsViewModel {
    /** One line of the verify result table. */
    public record VerifyRow(String table, long rows, long documents, long missing, long extra, long different,
                            String sampleIds) {
        public boolean isEqual() {
            return missing == 0 && extra == 0 && different == 0;
        }
    }

    /** PREVIEW, RECOVER and REBASE are the ways out of a divergence ({@link WaysOutViewModel}); they cannot be cancelled. */
    public enum Job { NONE, VERIFY, RESYNC, PREVIEW, RECOVER, REBASE }

    private final SyncActions actions;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Executor uiThread;
    private Cancellation running;

    // ---- Properties
    private final ReadOnlyObjectWrapper<Job> job = new ReadOnlyObjectWrapper<>(Job.NONE);
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper retryingParked = new ReadOnlyBooleanWrapper(false);
    private final Map<MirrorTable, ReadOnlyDoubleWrapper> progress = new EnumMap<>(MirrorTable.class);
    private final Map<MirrorTable, ReadOnlyStringWrapper> progressText = new EnumMap<>(MirrorTable.class);
    private final ReadOnlyStringWrapper jobMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper("");
    private Reachability supabase = Reachability.UNKNOWN;
    private Reachability mongo = Reachability.UNKNOWN;
    private final ObservableList<VerifyRow> verifyRows = FXCollections.observableArrayList();
    // kept: a view listens to its list weakly, so a fresh one per call could be collected with the view's listeners
    private final ObservableList<VerifyRow> verifyRowsView = FXCollections.unmodifiableObservableList(verifyRows);
    private final Map<MirrorTable, long[]> pendingProgress = new ConcurrentHashMap<>();
    private final AtomicBoolean progressScheduled = new AtomicBoolean();

    /**
     * @param actions  verify / resync / retry parked; null when no MongoDB copy is configured
     * @param uiThread runs progress updates on the FX thread ({@code Platform::runLater}; tests: {@code Runnable::run})
     */
    public SyncJobsViewModel(SyncActions actions, UiExecutor executor, DialogService dialogs, Executor uiThread) {
        this.actions = actions;
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.uiThread = Objects.requireNonNull(uiThread);
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            progress.put(t, new ReadOnlyDoubleWrapper(0));
            progressText.put(t, new ReadOnlyStringWrapper(""));
        }
    }

    public boolean actionsAvailable() {
        return actions != null;
    }

    // ---- Commands

    /** Compares both databases in full, in the background; the table below shows what differs. */
    public void verify() {
        if (actions == null || job.get() != Job.NONE || !unavailable.get().isEmpty()) {
            return;
        }
        Cancellation c = begin(Job.VERIFY, "Verifying: comparing every row with its document…");
        verifyRows.clear();
        ProgressListener listener = progressListener();
        BackgroundTask.of(() -> actions.verify(listener, c))
                .onSuccess(this::showVerify)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    jobMessage.set("Verify failed: " + failure(f));
                })
                .onFinally(this::end)
                .executeWith(executor);
    }

    /** Asks first, then rebuilds the copy from a PostgreSQL snapshot in the background. */
    public void resync() {
        if (actions == null || job.get() != Job.NONE || !unavailable.get().isEmpty()) {
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
                    jobMessage.set("Resync failed: " + failure(f) + " Nothing was lost; the mirror keeps the copy converging.");
                })
                .onFinally(this::end)
                .executeWith(executor);
    }

    /**
     * The monitor's news (FX thread). While Supabase or the MongoDB backup is down, Verify and Resync say they
     * need it; when either goes away or comes back, an earlier result no longer describes the databases and goes.
     */
    public void connectionChanged(ConnectionStatus status) {
        if (status == null) {
            return;
        }
        Reachability pg = reachability(status.supabase());
        Reachability mg = reachability(status.mongo());
        boolean turned = turned(supabase, pg) || turned(mongo, mg);
        supabase = pg;
        mongo = mg;
        unavailable.set(pg == Reachability.DOWN
                ? "Verify and Resync need Supabase, which is not answering. They can run again once it answers."
                : mg == Reachability.DOWN
                ? "Verify and Resync need the MongoDB backup, which is not answering. They can run again once it answers."
                : "");
        if (turned && job.get() == Job.NONE) {
            verifyRows.clear();
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                progress.get(t).set(0);
                progressText.get(t).set("");
            }
            jobMessage.set("");
        }
    }

    private static Reachability reachability(DatabaseStatus s) {
        return s == null ? Reachability.UNKNOWN : s.reachability();
    }

    /** Went down, or came back up after being down. */
    private static boolean turned(Reachability before, Reachability now) {
        return before != now && (before == Reachability.DOWN || now == Reachability.DOWN);
    }

    /** Why a job failed in plain words: a database that did not answer is named as such, never in the pool's words. */
    private String failure(Throwable f) {
        if (!unavailable.get().isEmpty()) {
            return unavailable.get();
        }
        String message = String.valueOf(f.getMessage());
        String plain = StatusFormat.plainError(message);
        if (!plain.equals(StatusFormat.shortError(message))) {
            return "a database did not answer (" + plain + "). Nothing was changed; try again when Sync status shows both up.";
        }
        return UiErrors.userMessage(f);
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

    // ---- the jobs area, shared with the ways out (one job at a time, same progress bars, message and verify table)

    /** Why no job can run now ("" when one can). */
    String unavailable() {
        return unavailable.get();
    }

    boolean idle() {
        return actions != null && job.get() == Job.NONE;
    }

    /** The job now runs with {@code message} said; its bars start at "waiting". */
    void start(Job which, String message) {
        begin(which, message);
        verifyRows.clear();
    }

    void finish() {
        end();
    }

    void say(String message) {
        jobMessage.set(message);
    }

    ProgressListener progressForJob() {
        return progressListener();
    }

    /** A failure in plain words, masked; a database that did not answer is named as such. */
    String failureMessage(Throwable f) {
        return failure(f);
    }

    /** Fills the verify table; returns the sentence that says whether the databases are equal. */
    String showVerifyReport(VerifyReport report) {
        showVerify(report);
        return jobMessage.get();
    }

    void showRebaseProgress(ResyncOutcome outcome) {
        for (ResyncOutcome.Table t : outcome.tables()) {
            showProgress(t.table(), t.rows(), t.rows());
        }
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

    // ---- property accessors

    public ReadOnlyObjectProperty<Job> jobProperty() {
        return job.getReadOnlyProperty();
    }

    public BooleanBinding busyBinding() {
        return Bindings.createBooleanBinding(() -> job.get() != Job.NONE, job);
    }

    /** Verify and Resync stop when cancelled; the ways out run to the end (a rebase stopped halfway leaves the mirror waiting). */
    public BooleanBinding cancellableBinding() {
        return Bindings.createBooleanBinding(() -> job.get() == Job.VERIFY || job.get() == Job.RESYNC, job);
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

    /** Why Verify and Resync cannot run now ("" when they can). */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    /** What the last job (or Retry parked) said. */
    public ReadOnlyStringProperty jobMessageProperty() {
        return jobMessage.getReadOnlyProperty();
    }

    public ObservableList<VerifyRow> verifyRows() {
        return verifyRowsView;
    }
}
