package shoptwin.failover;

import com.mongodb.client.MongoClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.Secrets;

/**
 * Probes Supabase and MongoDB every {@code interval} (each on its own thread, so a database that
 * hangs for its timeout does not delay the other) and publishes {@link ConnectionStatus} snapshots.
 * A database is DOWN after {@code failureThreshold} failures in a row and UP after one success.
 * A store call that failed for lack of a connection counts as a failure at once
 * ({@link #reportFailure}) and triggers an immediate probe.
 */
public final class ConnectionMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionMonitor.class);

    /** One round trip to a database; returns normally when it answered, throws when it did not. */
    @FunctionalInterface
    public interface Probe {
        void ping() throws Exception;
    }

    private final Probe supabaseProbe;
    private final Probe mongoProbe;
    private final Duration interval;
    private final int failureThreshold;
    private final Clock clock;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    /** Listeners are told in the order the snapshots were taken, on one thread, outside the monitor's lock. */
    private final ExecutorService publisher;
    private final Object lock = new Object();
    private volatile ConnectionStatus status;
    private volatile boolean started;

    /** {@code mongoProbe} may be null when no MongoDB is configured: its status stays UNKNOWN. */
    public ConnectionMonitor(Probe supabaseProbe, Probe mongoProbe, Duration interval, int failureThreshold) {
        this(supabaseProbe, mongoProbe, interval, failureThreshold, Clock.systemUTC());
    }

    ConnectionMonitor(Probe supabaseProbe, Probe mongoProbe, Duration interval, int failureThreshold, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.supabaseProbe = supabaseProbe;
        this.mongoProbe = mongoProbe;
        this.interval = interval;
        this.failureThreshold = failureThreshold;
        this.clock = clock;
        Instant now = clock.instant();
        this.status = new ConnectionStatus(DatabaseStatus.unknown(MonitoredDatabase.SUPABASE, now),
                DatabaseStatus.unknown(MonitoredDatabase.MONGODB, now), now);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "shoptwin-connection-monitor");
            t.setDaemon(true);
            return t;
        });
        this.publisher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shoptwin-connection-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts probing now and then every interval. */
    public void start() {
        synchronized (lock) {
            if (started) {
                return;
            }
            started = true;
        }
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> probe(MonitoredDatabase.SUPABASE), 0, ms, TimeUnit.MILLISECONDS);
        if (mongoProbe != null) {
            scheduler.scheduleWithFixedDelay(() -> probe(MonitoredDatabase.MONGODB), 0, ms, TimeUnit.MILLISECONDS);
        }
    }

    public ConnectionStatus current() {
        return status;
    }

    public Duration interval() {
        return interval;
    }

    public int failureThreshold() {
        return failureThreshold;
    }

    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /**
     * A store call on {@code database} failed. A connection failure counts as one failed probe right
     * away and another probe follows immediately; other errors (a bad query, a conflict) say
     * nothing about reachability and are ignored here.
     */
    public void reportFailure(MonitoredDatabase database, Throwable failure) {
        if (!isConnectionFailure(failure)) {
            return;
        }
        record(database, null, shortMessage(failure));
        if (!scheduler.isShutdown()) {
            try {
                scheduler.execute(() -> probe(database));
            } catch (RejectedExecutionException e) {
                log.debug("monitor closed while a failure was reported", e);
            }
        }
    }

    /** A failed Supabase call (the primary store): see {@link #reportFailure(MonitoredDatabase, Throwable)}. */
    public void reportFailure(Throwable failure) {
        reportFailure(MonitoredDatabase.SUPABASE, failure);
    }

    /** Probes one database now, on the caller's thread (tests, 'Test connection'). */
    public DatabaseStatus probe(MonitoredDatabase database) {
        Probe probe = database == MonitoredDatabase.SUPABASE ? supabaseProbe : mongoProbe;
        if (probe == null) {
            return status.of(database);
        }
        long start = System.nanoTime();
        try {
            probe.ping();
            return record(database, Duration.ofNanos(System.nanoTime() - start), null);
        } catch (Exception | LinkageError e) {
            log.debug("{} probe failed", database.label(), e);
            return record(database, null, shortMessage(e));
        }
    }

    private DatabaseStatus record(MonitoredDatabase database, Duration roundTrip, String error) {
        ConnectionStatus snapshot;
        DatabaseStatus before;
        DatabaseStatus after;
        synchronized (lock) {
            Instant now = clock.instant();
            before = status.of(database);
            after = error == null ? before.succeeded(roundTrip, now) : before.failed(error, failureThreshold, now);
            snapshot = status.with(after, now);
            status = snapshot;
            Reachability from = before.reachability();
            Reachability to = after.reachability();
            try {
                publisher.execute(() -> publish(database, from, to, snapshot));
            } catch (RejectedExecutionException e) {
                log.debug("monitor closed: {} status not published", database.label());
            }
        }
        if (before.reachability() != after.reachability()) {
            if (after.isDown()) {
                log.warn("{} is DOWN after {} failed checks: {}", database.label(), after.consecutiveFailures(),
                        after.lastError());
            } else {
                log.info("{} is {}", database.label(), after.reachability());
            }
        }
        return after;
    }

    private void publish(MonitoredDatabase database, Reachability from, Reachability to, ConnectionStatus snapshot) {
        for (ConnectionListener l : listeners) {
            try {
                if (from != to) {
                    l.reachabilityChanged(database, from, to, snapshot);
                }
                l.statusChanged(snapshot);
            } catch (RuntimeException e) {
                // a broken listener must not stop the monitor
                log.error("A connection listener failed", e);
            }
        }
    }

    /** Connection trouble, as opposed to an error the database answered with. */
    public static boolean isConnectionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof shoptwin.store.StoreUnavailableException
                    || c instanceof SQLTransientConnectionException
                    || c instanceof java.net.ConnectException
                    || c instanceof java.net.SocketTimeoutException
                    || c instanceof java.io.EOFException
                    || c instanceof com.mongodb.MongoSocketException
                    || c instanceof com.mongodb.MongoTimeoutException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static String shortMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof com.mongodb.MongoTimeoutException) {
                return Secrets.mask(shoptwin.store.mongo.MongoErrors.describe(c)); // not the driver's cluster dump
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (root != t && root.getMessage() != null && !m.contains(root.getMessage())) {
            m = m + " (" + root.getMessage() + ")";
        }
        m = Secrets.mask(m);
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    // ------------------------------------------------------------------ probes

    /** {@code select 1} on a pooled connection, bounded by the pool's connection timeout and {@code timeout}. */
    public static Probe postgresProbe(DataSource dataSource, Duration timeout) {
        int seconds = (int) Math.max(1, timeout.toSeconds());
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                if (!c.isValid(seconds)) {
                    throw new SQLTransientConnectionException("PostgreSQL did not answer within " + seconds + " s");
                }
            }
        };
    }

    /** {@code {ping: 1}} on the admin database; the client's server-selection timeout bounds it. */
    public static Probe mongoProbe(MongoClient client) {
        return () -> client.getDatabase("admin").runCommand(new Document("ping", 1));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        publisher.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS) || !publisher.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The connection monitor did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.shutdownNow();
    }
}
