package shoptwin.ui.failover;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.failover.ConnectionListener;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.Failover;
import shoptwin.failover.FailoverListener;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.Reachability;
import shoptwin.failover.StoreMode;
import shoptwin.status.OutageChanges;
import shoptwin.status.OutageSummary;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.TimeFormat;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * The failover banner at the top of the window and the View menu's switch.
 *
 * <pre>
 * HIDDEN ──Supabase DOWN──▶ SUPABASE_DOWN ──'Read from MongoDB backup'──▶ BACKUP
 *   ▲                                                                      │ Supabase UP
 *   └────────────── 'Switch back' ◀── BACKUP_SUPABASE_BACK ◀───────────────┘
 * </pre>
 *
 * In backup mode the console works on the backup: customers and payments stay editable, their changes go
 * into the outage journal and the banner says how many wait for Supabase ("Working on the backup: 7 changes
 * will be sent to Supabase when it answers"); what only Supabase takes is off ({@link #supabaseOnlyProperty()}).
 * A backup that takes no changes (no journal) is read-only ({@link #readOnlyProperty()}, which the screens' edit
 * buttons follow). Back on Supabase, changes of the outage that need a person's decision keep the banner up
 * ({@code DECISIONS}) with a way to the outage screen. The monitor and the failover call in on their own
 * threads; {@code uiThread} brings their news to the FX thread.
 */
public final class FailoverBannerViewModel implements AutoCloseable {
    public enum State {
        /** Reading Supabase, which answers: no banner. */
        HIDDEN,
        /** Reading Supabase, which does not answer: offer the backup. */
        SUPABASE_DOWN,
        /** Reading the backup while Supabase is still down. */
        BACKUP,
        /** Reading the backup; Supabase answers (again): offer to switch back. */
        BACKUP_SUPABASE_BACK,
        /** Reading Supabase; changes made during the outage need a person's decision: offer the outage screen. */
        DECISIONS
    }

    public static final String READ_ONLY_REASON =
            "The console is reading the MongoDB backup, which is read-only. Switch back to Supabase to edit.";
    public static final String SUPABASE_ONLY_REASON =
            "Shop settings can only be changed on Supabase: while the console works on the backup they are read-only.";

    private final Failover failover;
    private final ConnectionMonitor monitor;
    private final UiExecutor executor;
    private final Executor uiThread;
    private final Clock clock;
    /** The shop's time zone once known ("since 14:03" reads like the data's times); the computer's until then. */
    private java.time.ZoneId zone;
    private final OutageChanges outage;
    private final ConnectionListener connectionListener;
    private final FailoverListener failoverListener;
    private Runnable onStoreSwitched = () -> { };
    private Runnable onOpenOutage = () -> { };
    private OutageSummary journal = OutageSummary.NONE;
    private boolean journalLoading;

    private StoreMode mode;
    private Reachability supabase = Reachability.UNKNOWN;
    private Instant supabaseDownSince;
    private Optional<Instant> asOf = Optional.empty();
    private boolean asOfLoading;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.HIDDEN);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper actionVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper supabaseOnly = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper outageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outageSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper menuText = new ReadOnlyStringWrapper("Read from MongoDB backup");
    private final ReadOnlyBooleanWrapper autoFailover = new ReadOnlyBooleanWrapper(false);

    /** @param monitor may be null (no detection; the menu switch still works) */
    public FailoverBannerViewModel(Failover failover, ConnectionMonitor monitor, UiExecutor executor, Executor uiThread,
            Clock clock) {
        this(failover, monitor, executor, uiThread, clock, null);
    }

    /** @param outage the changes made on the backup (the banner counts them); null when there is no journal */
    public FailoverBannerViewModel(Failover failover, ConnectionMonitor monitor, UiExecutor executor, Executor uiThread,
            Clock clock, OutageChanges outage) {
        this.outage = outage;
        this.failover = Objects.requireNonNull(failover);
        this.monitor = monitor;
        this.executor = Objects.requireNonNull(executor);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.clock = Objects.requireNonNull(clock);
        this.zone = clock.getZone();
        this.mode = failover.mode();
        this.autoFailover.set(failover.isAutoFailover());
        this.connectionListener = new ConnectionListener() {
            @Override
            public void reachabilityChanged(MonitoredDatabase database, Reachability from, Reachability to, ConnectionStatus status) {
                if (database == MonitoredDatabase.SUPABASE) {
                    Instant since = status.supabase().changedAt();
                    uiThread.execute(() -> supabaseChanged(to, since));
                }
            }
        };
        this.failoverListener = new FailoverListener() {
            @Override
            public void modeChanged(StoreMode from, StoreMode to) {
                // the mode now, not the one reported: a later switch may already have overtaken it
                uiThread.execute(() -> showMode(failover.mode()));
            }
        };
        if (monitor != null) {
            var s = monitor.current().supabase();
            supabase = s.reachability();
            supabaseDownSince = s.isDown() ? s.changedAt() : null;
            monitor.addListener(connectionListener);
        }
        failover.addListener(failoverListener);
        if (mode == StoreMode.BACKUP_READ_ONLY) {
            loadAsOf();
        }
        refreshJournal();
        render();
    }

    /** Runs after every switch, on the FX thread: the window refreshes its screens. */
    public void setOnStoreSwitched(Runnable onStoreSwitched) {
        this.onStoreSwitched = Objects.requireNonNull(onStoreSwitched);
    }

    /** Runs on the FX thread when the person asks for the "Changes made during the outage" screen. */
    public void setOnOpenOutage(Runnable onOpenOutage) {
        this.onOpenOutage = Objects.requireNonNull(onOpenOutage);
    }

    /** Reads the journal's figures again (in the background): after a save on the backup, and now and then. */
    public void refreshJournal() {
        if (outage == null || journalLoading) {
            return;
        }
        journalLoading = true;
        BackgroundTask.of(outage::summary)
                .onSuccess(found -> journal = found)
                .onFailure(f -> UiErrors.logIfUnexpected(f)) // MongoDB away: the figures stay as last seen
                .onFinally(() -> {
                    journalLoading = false;
                    render();
                })
                .executeWith(executor);
    }

    /** The banner's second button: the changes made during the outage. */
    public void openOutage() {
        onOpenOutage.run();
    }

    // ---- events (FX thread)

    void supabaseChanged(Reachability to, Instant since) {
        supabase = to;
        supabaseDownSince = to == Reachability.DOWN ? since : null;
        if (mode == StoreMode.BACKUP_READ_ONLY) {
            loadAsOf(); // the mirror may have caught up meanwhile: say how fresh the copy is now
        }
        render();
    }

    void showMode(StoreMode to) {
        if (to == mode) {
            return;
        }
        mode = to;
        if (to == StoreMode.BACKUP_READ_ONLY) {
            loadAsOf();
        }
        refreshJournal();
        render();
        onStoreSwitched.run();
    }

    // ---- commands

    /** The banner's button: to the backup when Supabase is down, back to Supabase when it answers. */
    public void act() {
        switch (state.get()) {
            case SUPABASE_DOWN -> readFromBackup();
            case BACKUP_SUPABASE_BACK -> switchBack();
            case DECISIONS -> openOutage();
            default -> { }
        }
    }

    /** The View menu's item: switches either way at any time. */
    public void toggle() {
        if (mode == StoreMode.PRIMARY) {
            readFromBackup();
        } else {
            switchBack();
        }
    }

    public void readFromBackup() {
        run(failover::switchToBackup);
    }

    public void switchBack() {
        run(failover::switchBack);
    }

    /** The setting: switch to the backup by itself when Supabase goes down (and back when it returns). */
    public void setAutoFailover(boolean on) {
        autoFailover.set(on);
        run(() -> failover.setAutoFailover(on));
    }

    private void run(Runnable switchWork) {
        if (switching.get()) {
            return;
        }
        switching.set(true);
        BackgroundTask.run(switchWork::run)
                .onSuccess(v -> showMode(failover.mode()))
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    message.set("Could not switch: " + UiErrors.userMessage(f));
                })
                .onFinally(() -> switching.set(false))
                .executeWith(executor);
    }

    private void loadAsOf() {
        asOfLoading = true;
        BackgroundTask.of(failover::backupAsOf)
                .onSuccess(found -> asOf = found)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    asOf = Optional.empty();
                })
                .onFinally(() -> {
                    asOfLoading = false;
                    render();
                })
                .executeWith(executor);
    }

    // ---- state

    static State stateOf(StoreMode mode, Reachability supabase) {
        return stateOf(mode, supabase, 0);
    }

    static State stateOf(StoreMode mode, Reachability supabase, long needDecision) {
        if (mode == StoreMode.PRIMARY) {
            return supabase == Reachability.DOWN ? State.SUPABASE_DOWN : needDecision > 0 ? State.DECISIONS : State.HIDDEN;
        }
        return supabase == Reachability.DOWN ? State.BACKUP : State.BACKUP_SUPABASE_BACK;
    }

    /** The backup takes changes (they go into the outage journal) rather than being read-only. */
    private boolean workingBackup() {
        return failover.backup() != null && !failover.backup().isReadOnly();
    }

    /** "7 changes", "1 change". */
    private static String changes(long n) {
        return n + (n == 1 ? " change" : " changes");
    }

    /** Shows the banner's times in the shop's time zone (FX thread). */
    public void showTimesIn(java.time.ZoneId shopZone) {
        this.zone = Objects.requireNonNull(shopZone);
        render();
    }

    private void render() {
        Instant now = clock.instant();
        State s = stateOf(mode, supabase, journal.needDecision());
        boolean working = workingBackup();
        String asOfText = asOfLoading ? "…" : asOf.map(t -> TimeFormat.time(t, now, zone)).orElse("unknown");
        String downSince = supabaseDownSince == null ? "" : " (since " + TimeFormat.time(supabaseDownSince, now, zone) + ")";
        switch (s) {
            case HIDDEN -> {
                message.set("");
                actionText.set("");
            }
            case SUPABASE_DOWN -> {
                message.set(working ? "Supabase is not answering" + downSince + ". Saved data is safe; keep working on the "
                        + "MongoDB backup: what you change there is sent to Supabase when it answers."
                        : "Supabase is not answering" + downSince + ". Saved data is safe; you can keep working from the "
                        + "MongoDB backup, read-only.");
                actionText.set(working ? "Work on the backup" : "Read from MongoDB backup");
            }
            case BACKUP -> {
                message.set(working ? "Working on the backup: " + (journal.pending() == 0 ? "changes you make"
                        : changes(journal.pending())) + " will be sent to Supabase when it answers. Data as of " + asOfText
                        + "; Supabase is not answering" + downSince + "."
                        : "Backup, read-only: data as of " + asOfText + ". Supabase is not answering" + downSince
                        + "; editing is off until it is back.");
                actionText.set("");
            }
            case BACKUP_SUPABASE_BACK -> {
                String back = supabase == Reachability.UP ? "Supabase answers again." : "Supabase is available.";
                message.set(working ? "Working on the backup. " + back + (journal.pending() == 0 ? (journal.needDecision() == 0
                        ? " Everything made here has reached it." : " Everything else made here has reached it; "
                        + changes(journal.needDecision()) + (journal.needDecision() == 1 ? " needs" : " need") + " a decision.")
                        : " " + changes(journal.pending()) + " made here " + (journal.pending() == 1 ? "is" : "are")
                        + " being sent to it.")
                        : "Backup, read-only: data as of " + asOfText + ". " + back);
                actionText.set("Switch back");
            }
            case DECISIONS -> {
                message.set(changes(journal.needDecision()) + " made during the outage "
                        + (journal.needDecision() == 1 ? "needs" : "need") + " a decision: Supabase changed the same thing meanwhile.");
                actionText.set("Review…");
            }
        }
        // the outage screen, beside the main action, whenever there is something of the outage to see
        outageText.set(outage == null || s == State.DECISIONS || journal.isEmpty() ? ""
                : journal.needDecision() > 0 ? "Changes made during the outage (" + journal.needDecision() + " to decide)…"
                : "Changes made during the outage…");
        outageSummary.set(outage == null || journal.isEmpty() ? "" : "Changes made during the outage: "
                + journal.pending() + " waiting for Supabase, " + journal.needDecision() + " "
                + (journal.needDecision() == 1 ? "needs" : "need") + " a decision.");
        actionVisible.set(!actionText.get().isEmpty());
        readOnly.set(mode == StoreMode.BACKUP_READ_ONLY && !working);
        supabaseOnly.set(mode == StoreMode.BACKUP_READ_ONLY);
        menuText.set(mode == StoreMode.PRIMARY ? "Read from MongoDB backup" : "Switch back to Supabase");
        state.set(s);
    }

    // ---- properties

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actionTextProperty() {
        return actionText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty actionVisibleProperty() {
        return actionVisible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty switchingProperty() {
        return switching.getReadOnlyProperty();
    }

    /** True while the console reads the backup: the screens' edit actions follow it. */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** True while the console works on the backup: shop settings and imports wait for Supabase. */
    public ReadOnlyBooleanProperty supabaseOnlyProperty() {
        return supabaseOnly.getReadOnlyProperty();
    }

    /** The outage screen's button text; empty when there is nothing of an outage to show. */
    public ReadOnlyStringProperty outageTextProperty() {
        return outageText.getReadOnlyProperty();
    }

    /** "Changes made during the outage: 7 waiting for Supabase, 1 needs a decision."; empty when there are none. */
    public ReadOnlyStringProperty outageSummaryProperty() {
        return outageSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty menuTextProperty() {
        return menuText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty autoFailoverProperty() {
        return autoFailover.getReadOnlyProperty();
    }

    public StoreMode mode() {
        return mode;
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.removeListener(connectionListener);
        }
        failover.removeListener(failoverListener);
    }
}
