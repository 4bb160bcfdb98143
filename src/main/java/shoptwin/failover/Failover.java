package shoptwin.failover;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreException;
import shoptwin.store.StoreUnavailableException;

/**
 * Which store the console reads from, and the switch between them. Listens to the connection
 * monitor: when Supabase goes DOWN it tells its listeners (the banner offers the backup) and, with
 * auto-failover on, switches by itself; when Supabase is UP again it offers to switch back (and,
 * if it switched by itself, switches back by itself). {@link #switchToBackup()} and
 * {@link #switchBack()} also work at any time, e.g. to look at the backup.
 */
public final class Failover implements ConnectionListener {
    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    private final ShopStore primary;
    private final ShopStore backup;
    private final ConnectionMonitor monitor;
    private final Supplier<Optional<Instant>> backupAsOf;
    private final SwitchableShopStore store;
    private final List<FailoverListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private volatile StoreMode mode = StoreMode.PRIMARY;
    private volatile boolean autoFailover;
    /** True while in backup mode because auto-failover put us there: then coming back is automatic too. */
    private boolean switchedAutomatically;

    /**
     * @param backup     the read-only store over the MongoDB copy; null when none is configured
     *                   (switching to it is then refused with a message)
     * @param monitor    may be null (no automatic detection; manual switching still works)
     * @param backupAsOf the time of the last mirrored change; may block on I/O (call off the UI thread)
     */
    public Failover(ShopStore primary, ShopStore backup, ConnectionMonitor monitor,
            Supplier<Optional<Instant>> backupAsOf, boolean autoFailover) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.backup = backup;
        this.monitor = monitor;
        this.backupAsOf = backupAsOf == null ? Optional::empty : backupAsOf;
        this.autoFailover = autoFailover;
        this.store = new SwitchableShopStore(this);
        if (monitor != null) {
            monitor.addListener(this);
        }
    }

    /** The store every screen uses; it follows the mode. */
    public SwitchableShopStore store() {
        return store;
    }

    public StoreMode mode() {
        return mode;
    }

    public boolean isBackupMode() {
        return mode == StoreMode.BACKUP_READ_ONLY;
    }

    ShopStore currentStore() {
        return mode == StoreMode.PRIMARY ? primary : backup;
    }

    public ShopStore primary() {
        return primary;
    }

    /** The backup store, or null when no MongoDB copy is configured. */
    public ShopStore backup() {
        return backup;
    }

    public boolean isAutoFailover() {
        return autoFailover;
    }

    public void setAutoFailover(boolean autoFailover) {
        this.autoFailover = autoFailover;
        if (autoFailover && monitor != null && monitor.current().supabase().isDown() && mode == StoreMode.PRIMARY) {
            switchTo(StoreMode.BACKUP_READ_ONLY, true);
        }
    }

    /** Whether the monitor currently considers Supabase unreachable. */
    public boolean isSupabaseDown() {
        return monitor != null && monitor.current().supabase().isDown();
    }

    /** Reads from the MongoDB backup from now on (read-only). */
    public void switchToBackup() {
        switchTo(StoreMode.BACKUP_READ_ONLY, false);
    }

    /** Reads and writes Supabase again. */
    public void switchBack() {
        switchTo(StoreMode.PRIMARY, false);
    }

    /**
     * The time of the last mirrored change: what 'data as of' in the backup banner says. Blocks on
     * I/O: call it off the UI thread. Empty when unknown (e.g. the copy is empty or unreachable).
     */
    public Optional<Instant> backupAsOf() {
        try {
            return backupAsOf.get();
        } catch (RuntimeException e) {
            log.warn("Cannot tell how recent the backup is: {}", e.getMessage());
            return Optional.empty();
        }
    }

    public void addListener(FailoverListener listener) {
        listeners.add(listener);
    }

    public void removeListener(FailoverListener listener) {
        listeners.remove(listener);
    }

    private void switchTo(StoreMode target, boolean automatic) {
        if (target == StoreMode.BACKUP_READ_ONLY && backup == null) {
            if (automatic) {
                return;
            }
            throw new StoreException("There is no MongoDB backup to read from: set MONGODB_URI in the settings.");
        }
        StoreMode from;
        synchronized (lock) {
            from = mode;
            switchedAutomatically = automatic && target == StoreMode.BACKUP_READ_ONLY;
            if (from == target) {
                return;
            }
            mode = target;
        }
        log.info("The console now reads from {} ({}{})", target == StoreMode.PRIMARY ? "Supabase" : "the MongoDB backup",
                currentStore().describe(), automatic ? ", automatically" : "");
        for (FailoverListener l : listeners) {
            try {
                l.modeChanged(from, target);
            } catch (RuntimeException e) {
                log.error("A failover listener failed", e);
            }
        }
    }

    /** A call through the switchable store could not reach its database. */
    void reportUnavailable(StoreMode modeOfCall, StoreUnavailableException e) {
        if (monitor != null) {
            monitor.reportFailure(modeOfCall == StoreMode.PRIMARY ? MonitoredDatabase.SUPABASE : MonitoredDatabase.MONGODB, e);
        }
    }

    @Override
    public void reachabilityChanged(MonitoredDatabase database, Reachability from, Reachability to,
            ConnectionStatus status) {
        if (database != MonitoredDatabase.SUPABASE) {
            return;
        }
        if (to == Reachability.DOWN) {
            // a backup that is down too would only trade one error for another: stay and let the person decide
            if (autoFailover && mode == StoreMode.PRIMARY && !status.mongo().isDown()) {
                switchTo(StoreMode.BACKUP_READ_ONLY, true);
            }
            for (FailoverListener l : listeners) {
                try {
                    l.supabaseDown(status);
                } catch (RuntimeException e) {
                    log.error("A failover listener failed", e);
                }
            }
        } else if (to == Reachability.UP && from == Reachability.DOWN) {
            boolean goBack;
            synchronized (lock) {
                goBack = autoFailover && switchedAutomatically && mode == StoreMode.BACKUP_READ_ONLY;
            }
            if (goBack) {
                switchTo(StoreMode.PRIMARY, true);
            }
            for (FailoverListener l : listeners) {
                try {
                    l.supabaseBackUp(status);
                } catch (RuntimeException e) {
                    log.error("A failover listener failed", e);
                }
            }
        }
    }
}
