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
 * In backup mode the console is read-only ({@link #readOnlyProperty()}, which the screens' edit
 * buttons follow). The monitor and the failover call in on their own threads; {@code uiThread}
 * brings their news to the FX thread.
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
        BACKUP_SUPABASE_BACK
    }

    public static final String READ_ONLY_REASON =
            "The console is reading the MongoDB backup, which is read-only. Switch back to Supabase to edit.";

    private final Failover failover;
    private final ConnectionMonitor monitor;
    private final UiExecutor executor;
    private final Executor uiThread;
    private final Clock clock;
    private final ConnectionListener connectionListener;
    private final FailoverListener failoverListener;
    private Runnable onStoreSwitched = () -> { };

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
    private final ReadOnlyStringWrapper menuText = new ReadOnlyStringWrapper("Read from MongoDB backup");
    private final ReadOnlyBooleanWrapper autoFailover = new ReadOnlyBooleanWrapper(false);

    /** @param monitor may be null (no detection; the menu switch still works) */
    public FailoverBannerViewModel(Failover failover, ConnectionMonitor monitor, UiExecutor executor, Executor uiThread,
            Clock clock) {
        this.failover = Objects.requireNonNull(failover);
        this.monitor = monitor;
        this.executor = Objects.requireNonNull(executor);
        this.uiThread = Objects.requireNonNull(uiThread);
        this.clock = Objects.requireNonNull(clock);
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
        render();
    }

    /** Runs after every switch, on the FX thread: the window refreshes its screens. */
    public void setOnStoreSwitched(Runnable onStoreSwitched) {
        this.onStoreSwitched = Objects.requireNonNull(onStoreSwitched);
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
        render();
        onStoreSwitched.run();
    }

    // ---- commands

    /** The banner's button: to the backup when Supabase is down, back to Supabase when it answers. */
    public void act() {
        switch (state.get()) {
            case SUPABASE_DOWN -> readFromBackup();
            case BACKUP_SUPABASE_BACK -> switchBack();
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
        if (mode == StoreMode.PRIMARY) {
            return supabase == Reachability.DOWN ? State.SUPABASE_DOWN : State.HIDDEN;
        }
        return supabase == Reachability.DOWN ? State.BACKUP : State.BACKUP_SUPABASE_BACK;
    }

    private void render() {
        Instant now = clock.instant();
        var zone = clock.getZone();
        State s = stateOf(mode, supabase);
        String asOfText = asOfLoading ? "…" : asOf.map(t -> TimeFormat.time(t, now, zone)).orElse("unknown");
        String downSince = supabaseDownSince == null ? "" : " (since " + TimeFormat.time(supabaseDownSince, now, zone) + ")";
        switch (s) {
            case HIDDEN -> {
                message.set("");
                actionText.set("");
            }
            case SUPABASE_DOWN -> {
                message.set("Supabase is not answering" + downSince + ". Saved data is safe; you can keep working from the "
                        + "MongoDB backup, read-only.");
                actionText.set("Read from MongoDB backup");
            }
            case BACKUP -> {
                message.set("Backup, read-only: data as of " + asOfText + ". Supabase is not answering" + downSince
                        + "; editing is off until it is back.");
                actionText.set("");
            }
            case BACKUP_SUPABASE_BACK -> {
                message.set("Backup, read-only: data as of " + asOfText + ". "
                        + (supabase == Reachability.UP ? "Supabase answers again." : "Supabase is available."));
                actionText.set("Switch back");
            }
        }
        actionVisible.set(!actionText.get().isEmpty());
        readOnly.set(mode == StoreMode.BACKUP_READ_ONLY);
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
