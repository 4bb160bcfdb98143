package shoptwin.ui.status;

import java.util.Objects;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.Failover;
import shoptwin.status.OutageChanges;
import shoptwin.status.SyncActions;

/**
 * What the Sync status screen and the failover banner run on, from the application context.
 *
 * @param failover the switch between Supabase and the backup (its store is the one the screens hold)
 * @param monitor  probes both databases; null disables detection (the menu switch still works)
 * @param mirror   the mirror's health; null when no mirror runs in this console
 * @param actions  verify / resync / retry parked; null when there is no MongoDB copy
 * @param drill    the demo's outage drill; null outside demo mode
 * @param lagWarning how old the oldest waiting change may get before every console warns (SHOPTWIN_LAG_WARNING_MINUTES)
 * @param outage     the changes made on the backup during an outage (banner, outage screen); null without a journal
 */
public record SyncServices(Failover failover, ConnectionMonitor monitor, MirrorFeed mirror, SyncActions actions,
                           OutageDrill drill, java.time.Duration lagWarning, OutageChanges outage) {
    public SyncServices {
        Objects.requireNonNull(failover, "failover");
        lagWarning = lagWarning == null ? java.time.Duration.ofMinutes(shoptwin.config.Settings.DEFAULT_LAG_WARNING_MINUTES) : lagWarning;
    }

    /** With the default lag warning and no outage journal. */
    public SyncServices(Failover failover, ConnectionMonitor monitor, MirrorFeed mirror, SyncActions actions, OutageDrill drill) {
        this(failover, monitor, mirror, actions, drill, null, null);
    }

    /** With the default lag warning. */
    public SyncServices(Failover failover, ConnectionMonitor monitor, MirrorFeed mirror, SyncActions actions, OutageDrill drill,
                        OutageChanges outage) {
        this(failover, monitor, mirror, actions, drill, null, outage);
    }
}
