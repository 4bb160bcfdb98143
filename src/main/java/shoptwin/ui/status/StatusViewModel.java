package shoptwin.ui.status;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import shoptwin.failover.ConnectionStatus;
import shoptwin.mirror.MirrorHealth;
import shoptwin.status.SyncActions;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiExecutor;

/**
 * The Sync status screen, one view model per section: the database cards, the mirror's health,
 * the verify / resync jobs, the two ways out of a divergence and the demo's outage drill. It only composes them and routes the
 * snapshots and timer ticks that {@link SyncConsole} delivers on the FX thread to the sections that
 * show them; each section's state and commands live in its own view model.
 */
public final class StatusViewModel {
    private final DatabasesViewModel databases;
    private final MirrorHealthViewModel mirror;
    private final SyncJobsViewModel jobs;
    private final WaysOutViewModel waysOut;
    private final OutageDrillViewModel drill;

    /**
     * @param actions  verify / resync / retry parked; null when no MongoDB copy is configured
     * @param drill    the demo's outage drill; null outside demo mode
     * @param uiThread runs progress updates on the FX thread ({@code Platform::runLater}; tests: {@code Runnable::run})
     */
    public StatusViewModel(SyncActions actions, OutageDrill drill, UiExecutor executor, DialogService dialogs,
            Executor uiThread, Clock clock) {
        this(actions, drill, executor, dialogs, uiThread, clock,
                java.time.Duration.ofMinutes(shoptwin.config.Settings.DEFAULT_LAG_WARNING_MINUTES));
    }

    /** @param lagWarning how old the oldest waiting change may get before the console warns */
    public StatusViewModel(SyncActions actions, OutageDrill drill, UiExecutor executor, DialogService dialogs,
            Executor uiThread, Clock clock, java.time.Duration lagWarning) {
        Objects.requireNonNull(clock);
        this.databases = new DatabasesViewModel(clock);
        this.mirror = new MirrorHealthViewModel(clock, lagWarning);
        this.jobs = new SyncJobsViewModel(actions, executor, dialogs, uiThread);
        this.waysOut = new WaysOutViewModel(jobs, actions, executor, dialogs);
        this.drill = new OutageDrillViewModel(drill, executor);
    }

    /** A new connection snapshot from the monitor (FX thread). */
    public void showConnection(ConnectionStatus status) {
        databases.show(status);
        jobs.connectionChanged(status);
        waysOut.connectionChanged(status);
    }

    /** A new health snapshot from the mirror (FX thread). */
    public void showHealth(MirrorHealth health) {
        mirror.show(health);
        waysOut.show(health);
    }

    /** Re-words what depends on the time ("5 s ago", "down for 12 s"); the screen's timer calls it every second. */
    public void tick() {
        databases.tick();
        mirror.tick();
    }

    /** The shop's time zone: every time on the screen reads in it, like the customers' and payments' dates. */
    public void showTimesIn(java.time.ZoneId shopZone) {
        mirror.showTimesIn(shopZone);
    }

    /** One chart point; the screen's timer calls it every {@link MirrorHealthViewModel#SAMPLE_EVERY}. */
    public void sample() {
        mirror.sample();
    }

    public DatabasesViewModel databases() {
        return databases;
    }

    public MirrorHealthViewModel mirror() {
        return mirror;
    }

    public SyncJobsViewModel jobs() {
        return jobs;
    }

    /** The two ways out while the mirror waits for a decision. */
    public WaysOutViewModel waysOut() {
        return waysOut;
    }

    public OutageDrillViewModel drill() {
        return drill;
    }
}
