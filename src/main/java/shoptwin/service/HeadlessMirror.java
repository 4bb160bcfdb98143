package shoptwin.service;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.HttpAddress;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Secrets;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorService;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.service.ServiceHealth.Phase;
import shoptwin.store.StoreException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.mongo.MongoErrors;
import shoptwin.store.mongo.MongoShopStore;
import shoptwin.store.postgres.Database;

/**
 * The mirror with no console: {@code shoptwin mirror} as a service. The same {@link MirrorService} and the
 * same leader election as every console (one of them leads, the others stand by), plus what a daemon needs:
 *
 * <ul>
 *   <li>at start it waits for PostgreSQL (and applies the migrations, as the console does), then for
 *       MongoDB, retrying with capped backoff and saying so in one line per attempt, instead of exiting;</li>
 *   <li>{@link #stop()} (the shutdown hook, on SIGTERM) lets the batch in flight finish, or abandons it after
 *       a grace period: its changes stay in the change log (rows leave the log only in one statement, after
 *       MongoDB acknowledged them), so the process always exits within ~10 s and nothing is half-acknowledged;</li>
 *   <li>{@code /livez}, {@code /readyz} and {@code /metrics} over HTTP, when an address is given.</li>
 * </ul>
 */
public final class HeadlessMirror implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeadlessMirror.class);

    private final Builder options;
    private final Database database;
    private final MongoClient mongoClient;
    private final ConnectionMonitor monitor;
    private final MirrorMetrics metrics;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object closeLock = new Object();
    private volatile Phase phase = Phase.WAITING_FOR_POSTGRES;
    private volatile String waitingFor;
    private volatile boolean loopAlive;
    private volatile MirrorService mirror;
    private volatile MirrorHealth observed;
    private volatile Throwable died;
    private volatile HealthServer http;
    private volatile Thread worker;
    private boolean closed;

    private HeadlessMirror(Builder b) {
        this.options = b;
        this.database = new Database(b.postgres, 4); // the mirror's reads and acks, its read-ahead, the probe
        try {
            this.mongoClient = MongoConnections.open(b.mongo);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        this.monitor = new ConnectionMonitor(database::ping, ConnectionMonitor.mongoProbe(mongoClient), b.probeInterval, b.failureThreshold);
        this.metrics = new MirrorMetrics(this::health, b.version);
    }

    public static Builder builder(PostgresSettings postgres, MongoSettings mongo) {
        return new Builder(postgres, mongo);
    }

    /** Serves HTTP (if asked), starts probing and the mirror's thread; returns at once. */
    public HeadlessMirror start() throws IOException {
        if (options.http != null) {
            try {
                http = HealthServer.start(options.http, metrics.registry(), this::health);
            } catch (IOException e) {
                closeResources();
                throw new IOException("cannot serve health there: " + e.getMessage(), e);
            }
            log.info("[DB Sync] Health on http://{}:{} (/livez, /readyz, /metrics)", hostForUrl(options.http.host()), http.port());
        }
        monitor.start();
        Thread t = new Thread(this::work, "shoptwin-mirror");
        t.setDaemon(true);
        worker = t;
        loopAlive = true;
        t.start();
        return this;
    }

    /**
     * Waits until the loop ends (after {@link #stop()}, or on its own if it died). Returns the exit code:
     * 0 stopped as asked, 1 the loop died (the supervisor should start the process again).
     */
    public int awaitEnd() throws InterruptedException {
        Thread t = worker;
        if (t != null) {
            t.join();
        }
        closeResources(); // once: stop() may be closing them too
        return died == null ? 0 : 1;
    }

    /** What the endpoints show; never blocks. */
    public ServiceHealth health() {
        MirrorService m = mirror;
        Phase p = phase;
        Optional<MirrorHealth> h = m != null && (p == Phase.MIRRORING || p == Phase.STOPPING) ? Optional.of(m.health())
                : Optional.ofNullable(observed);
        return new ServiceHealth(p, waitingFor, loopAlive, h, monitor.current(), Instant.now());
    }

    /** The HTTP port, when serving. */
    public Optional<Integer> httpPort() {
        HealthServer s = http;
        return s == null ? Optional.empty() : Optional.of(s.port());
    }

    // ------------------------------------------------------------------ the loop

    private void work() {
        try {
            if (!awaitPostgres() || !awaitMongo()) {
                return;
            }
            historyIndexes();
            MirrorService.Builder b = MirrorService.builder().database(database).mongoClient(mongoClient, options.mongo.database())
                    .kind(MirrorHealth.Kind.SERVICE).listener(metrics);
            options.tuneMirror.accept(b);
            MirrorService m = b.build();
            mirror = m;
            phase = Phase.MIRRORING;
            waitingFor = null;
            if (stopping.get()) {
                return; // stop() may have looked before the mirror existed
            }
            log.info("[DB Sync] Mirror service running: {} to {}", database.describe(), MongoShopStore.describe(options.mongo));
            m.run();
        } catch (RuntimeException | Error e) {
            died = e;
            log.error("[DB Sync] The mirror stopped unexpectedly; the process exits so that its supervisor starts it again", e);
        } finally {
            loopAlive = false;
            phase = Phase.STOPPED;
        }
    }

    /** The indexes a real MongoDB serves the history from (best effort: the history works without them, only slower). */
    private void historyIndexes() {
        try {
            new shoptwin.store.mongo.MongoShopHistory(shoptwin.store.mongo.MongoConnections.forMirror(mongoClient, options.mongo.database()),
                    "the copy").ensureIndexes();
        } catch (RuntimeException e) {
            log.info("[DB Sync] Could not create the history's indexes now (the next start tries again): {}",
                    Secrets.maskAll(String.valueOf(e.getMessage())));
        }
    }

    /** PostgreSQL answers and the schema is there (migrated now, as the console does at start). */
    private boolean awaitPostgres() {
        phase = Phase.WAITING_FOR_POSTGRES;
        for (int attempt = 1; !stopping.get(); attempt++) {
            String problem;
            try {
                database.migrate();
                answered("PostgreSQL", attempt);
                return true;
            } catch (StoreUnavailableException e) {
                problem = e.getMessage();
            } catch (StoreException e) {
                String version = schemaVersion();
                if (version != null) {
                    log.warn("[DB Sync] Could not bring ShopTwin's schema up to date ({}); mirroring with schema version {} as it is",
                            e.getMessage(), version);
                    return true;
                }
                problem = "ShopTwin's schema is missing and could not be created (" + e.getMessage()
                        + "): run shoptwin migrate as the database's owner";
            }
            if (!pause("PostgreSQL", problem, attempt)) {
                return false;
            }
        }
        return false;
    }

    /** MongoDB answers a ping; meanwhile the backlog and the leader are read from PostgreSQL for the endpoints. */
    private boolean awaitMongo() {
        phase = Phase.WAITING_FOR_MONGODB;
        for (int attempt = 1; !stopping.get(); attempt++) {
            String problem;
            try {
                ConnectionMonitor.mongoProbe(mongoClient).ping();
                answered("MongoDB", attempt);
                return true;
            } catch (Exception e) {
                String text = MongoErrors.describe(e);
                int nl = text.indexOf('\n');
                problem = nl < 0 ? text : text.substring(0, nl).strip();
            }
            try {
                observed = MirrorService.observe(database);
            } catch (java.sql.SQLException | RuntimeException e) {
                log.debug("[DB Sync] could not read the backlog while waiting for MongoDB: {}", Secrets.maskAll(String.valueOf(e.getMessage())));
            }
            if (!pause("MongoDB", problem, attempt)) {
                return false;
            }
        }
        return false;
    }

    private String schemaVersion() {
        try {
            return database.schemaVersion();
        } catch (StoreException e) {
            return null;
        }
    }

    private void answered(String what, int attempt) {
        if (attempt > 1) {
            log.info("[DB Sync] {} answers after {} attempts", what, attempt);
        }
    }

    /** One line per attempt, then the backoff; false when a stop was asked for meanwhile. */
    private boolean pause(String what, String problem, int attempt) {
        long delay = backoff(attempt);
        waitingFor = Secrets.maskAll(what + ": " + problem);
        log.warn("[DB Sync] Waiting for {}: {}; next attempt in {} s (attempt {})", what, Secrets.maskAll(problem),
                Math.max(1, Math.round(delay / 1000.0)), attempt);
        try {
            return !stopSignal.await(delay, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Capped exponential backoff with jitter in [capped/2, capped], so that several services do not retry in step. */
    long backoff(int attempt) {
        double exp = options.backoffMin.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        long capped = (long) Math.min(options.backoffMax.toMillis(), exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    // ------------------------------------------------------------------ stopping

    /**
     * Stops within {@code stopGrace} plus a moment to close: the batch in flight finishes (or, past the
     * grace, is abandoned: its rows stay in the change log and are mirrored after the next start), the
     * leader lock is released with the session. For the shutdown hook; safe to call more than once.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        long started = System.nanoTime();
        if (loopAlive) {
            phase = Phase.STOPPING;
            log.info("[DB Sync] Stopping: the batch in flight finishes or stays in the change log");
        }
        stopSignal.countDown();
        daemon("shoptwin-monitor-stop", monitor::close); // probes are of no use any more; do not wait for one in flight
        MirrorService m = mirror;
        if (m != null) {
            daemon("shoptwin-mirror-stop", m::close); // close() waits for the loop; the wait is ours, below, and bounded
        }
        Thread t = worker;
        try {
            if (t != null) {
                t.join(options.stopGrace.toMillis());
            }
            if (t != null && t.isAlive()) {
                log.warn("[DB Sync] The batch in flight did not finish within {} s: abandoned; its changes stay in the change log"
                        + " and are mirrored after the next start", String.format(java.util.Locale.ROOT, "%.1f", options.stopGrace.toMillis() / 1000.0));
                closeHttp();
                return;
            }
            // the pools' close can wait for a probe in flight: bounded too, the process is leaving anyway
            Thread closer = daemon("shoptwin-mirror-close", this::closeResources);
            closer.join(2_000);
            log.info("[DB Sync] Mirror service stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void awaitStopped() {
        try {
            stopped.await(options.stopGrace.toMillis() + 3_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void closeHttp() {
        HealthServer s = http;
        if (s != null) {
            s.close();
        }
    }

    private void closeResources() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeHttp();
        monitor.close();
        mongoClient.close();
        database.close();
    }

    private static Thread daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    // ------------------------------------------------------------------ builder

    public static final class Builder {
        private final PostgresSettings postgres;
        private final MongoSettings mongo;
        private HttpAddress http;
        private Duration probeInterval = Duration.ofSeconds(5);
        private int failureThreshold = 3;
        private Duration backoffMin = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Duration stopGrace = Duration.ofSeconds(7);
        private Consumer<MirrorService.Builder> tuneMirror = b -> { };
        private String version = "unknown";

        private Builder(PostgresSettings postgres, MongoSettings mongo) {
            this.postgres = Objects.requireNonNull(postgres, "postgres");
            this.mongo = Objects.requireNonNull(mongo, "mongo");
        }

        /** Serve /livez, /readyz and /metrics there (null: no HTTP). */
        public Builder http(HttpAddress address) {
            this.http = address;
            return this;
        }

        /** How often both databases are probed, and after how many failures in a row one counts as down. */
        public Builder probes(Duration interval, int failureThreshold) {
            this.probeInterval = interval;
            this.failureThreshold = failureThreshold;
            return this;
        }

        /** The wait between attempts to reach a database at start-up (default 1 s doubling to 30 s). */
        public Builder startupBackoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        /** How long a stop waits for the batch in flight before abandoning it (default 7 s: the process is gone within 10). */
        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        /** Adjusts the mirror before it is built (tests: shorter polls and backoff). */
        public Builder tuneMirror(Consumer<MirrorService.Builder> tune) {
            this.tuneMirror = Objects.requireNonNull(tune);
            return this;
        }

        /** For shoptwin_build_info. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public HeadlessMirror build() {
            return new HeadlessMirror(this);
        }
    }
}
