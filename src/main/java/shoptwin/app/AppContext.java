package shoptwin.app;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.ComputerUser;
import shoptwin.config.FailoverSettings;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Secrets;
import shoptwin.config.Settings;
import shoptwin.demo.DataDirectory;
import shoptwin.demo.DemoEnvironment;
import shoptwin.demo.SampleData;
import shoptwin.failover.ConnectionListener;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.Reachability;
import shoptwin.failover.Failover;
import shoptwin.failover.SwitchableShopStore;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.journal.JournalReplay;
import shoptwin.mirror.journal.JournalResolver;
import shoptwin.status.JournalOutageChanges;
import shoptwin.status.OutageChanges;
import shoptwin.status.MirrorSyncActions;
import shoptwin.status.SyncActions;
import shoptwin.store.Staff;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.mongo.MongoShopHistory;
import shoptwin.store.postgres.PostgresRowWrites;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.JournaledBackupStore;
import shoptwin.store.mongo.MongoShopStore;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.store.postgres.SqlErrors;

/**
 * Everything the console runs on, wired by hand in one place: the primary store (PostgreSQL /
 * Supabase), the read-only backup store (the MongoDB copy), the switch between them, the mirror,
 * the connection monitor, and in demo mode the embedded databases. Built off the FX thread;
 * closed on exit, in reverse order of starting.
 *
 * <p>With no Supabase configured it starts the demo: an embedded PostgreSQL and MongoDB-wire
 * server with their data in the user's data directory, and a sample shop on first start.
 * When Supabase cannot be reached at start-up the console still opens (the monitor will report
 * it DOWN and offer the backup); any other start-up failure is thrown, with what was started
 * already closed again.
 */
public final class AppContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AppContext.class);

    private final Settings settings;
    private final DemoEnvironment demo;
    private final Database database;
    private final PostgresShopStore primaryStore;
    private final MongoClient mongoClient;
    private final MongoSettings mongoSettings;
    private final MongoShopStore backupStore;
    private final JournaledBackupStore workingBackup;
    private final Failover failover;
    private final ConnectionMonitor monitor;
    private final MirrorRunner mirror;
    private final SampleData.Inserted sampleData;
    /** Everything to close, newest first. */
    private final Deque<Closer> closers;
    private boolean closed;

    private AppContext(Builder b) {
        this.settings = b.settings;
        this.demo = b.demo;
        this.database = b.database;
        this.primaryStore = b.primaryStore;
        this.mongoClient = b.mongoClient;
        this.mongoSettings = b.mongoSettings;
        this.backupStore = b.backupStore;
        this.workingBackup = b.workingBackup;
        this.failover = b.failover;
        this.monitor = b.monitor;
        this.mirror = b.mirror;
        this.sampleData = b.sampleData;
        this.closers = b.closers;
    }

    /**
     * Reads the configuration (environment, .env files, settings file); with no Supabase configured
     * starts the embedded demo databases. Blocks: call it off the FX thread. {@code progress}
     * receives short human messages ("Starting the demo database…").
     */
    public static AppContext startFromEnvironment(Consumer<String> progress) {
        progress.accept("Reading settings…");
        return start(Settings.load(), progress);
    }

    /** Starts from the given settings (tests, the CLI). Demo data lives in {@link DataDirectory#demo()}. */
    public static AppContext start(Settings settings, Consumer<String> progress) {
        Builder b = new Builder(settings);
        try {
            b.build(progress);
            AppContext context = new AppContext(b);
            log.info("ShopTwin started: {}", context.describe());
            return context;
        } catch (RuntimeException | Error e) {
            closeAll(b.closers);
            throw e;
        }
    }

    // ------------------------------------------------------------------ what the console uses

    /** The store every screen uses: Supabase, or the MongoDB backup after a switch. */
    public SwitchableShopStore store() {
        return failover.store();
    }

    /** The read-only store over the MongoDB copy; empty when no MongoDB is configured. */
    public Optional<MongoShopStore> backupStore() {
        return Optional.ofNullable(backupStore);
    }

    public Failover failover() {
        return failover;
    }

    /**
     * The changes made on the backup during an outage, for the outage screen and the banner; empty without a
     * MongoDB copy. Built here so that the UI never touches the MongoDB driver.
     */
    public Optional<OutageChanges> outageChanges() {
        if (workingBackup == null) {
            return Optional.empty();
        }
        java.util.function.UnaryOperator<String> mask = text -> Secrets.maskAll(Secrets.mask(text,
                database.settings().password() == null ? java.util.List.of() : java.util.List.of(database.settings().password())));
        Journal journal = workingBackup.journal();
        return Optional.of(new JournalOutageChanges(journal, new JournalReplay(database, journal, java.time.Clock.systemUTC(), mask),
                new JournalResolver(database, journal, java.time.Clock.systemUTC(), mask), workingBackup,
                () -> ComputerUser.label("console")));
    }

    public ConnectionMonitor monitor() {
        return monitor;
    }

    /** The mirror service (running on its own thread); empty without a MongoDB copy. */
    public Optional<MirrorService> mirror() {
        return Optional.ofNullable(mirror).map(MirrorRunner::service);
    }

    public Database database() {
        return database;
    }

    /**
     * Verify, resync and the parked changes for the status screen's buttons; empty without a
     * MongoDB copy. Built here so that the UI never touches the MongoDB driver.
     */
    public Optional<SyncActions> syncActions() {
        if (mongoClient == null) {
            return Optional.empty();
        }
        return Optional.of(new MirrorSyncActions(database, MongoConnections.forMirror(mongoClient, mongoSettings.database()),
                mirror == null ? null : mirror.service()));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The history's reads (from the MongoDB copy) and its undo / restore / undelete (writes to Supabase, as this
     * console's person); empty without a MongoDB copy, which is where the history lives. {@code when} formats moments
     * in refusals (the shop's zone).
     */
    public Optional<HistoryActions> history(java.util.function.Function<Instant, String> when) {
        if (mongoClient == null) {
            return Optional.empty();
        }
        MongoShopHistory reads = new MongoShopHistory(MongoConnections.forBackupStore(mongoClient, mongoSettings.database()),
                backupStore.describe());
        return Optional.of(new HistoryActions(reads, new PostgresRowWrites(database, primaryStore::staff), when));
    }

    /** From now on, this console's changes are recorded as {@code staff}'s (Settings → Your name). */
    public void setStaff(Staff staff) {
        primaryStore.setStaff(staff);
    }

    public Staff staff() {
        return primaryStore.staff();
    }

    public boolean isDemo() {
        return demo != null;
    }

    /** The embedded databases in demo mode (for the outage drill); empty otherwise. */
    public Optional<DemoEnvironment> demo() {
        return Optional.ofNullable(demo);
    }

    /** What the first start of the demo inserted (zeros when nothing was inserted). */
    public SampleData.Inserted sampleDataInserted() {
        return sampleData;
    }

    /** "Supabase (db.abc.supabase.co)" or, in demo mode, "Demo PostgreSQL (this computer)". */
    public String primaryDescription() {
        return demo != null ? "Demo PostgreSQL (this computer, port " + demo.postgresPort() + ")" : primaryStore.describe();
    }

    /** "MongoDB backup (host / database)", or a sentence saying there is none. */
    public String backupDescription() {
        if (backupStore == null) {
            return "No MongoDB backup configured";
        }
        return demo != null ? "Demo MongoDB (this computer, port " + demo.mongoPort() + ")" : backupStore.describe();
    }

    /** One line for the log and the about box. */
    public String describe() {
        return (demo != null ? "demo mode, data in " + demo.directory() + "; " : "")
                + "primary: " + primaryDescription() + "; backup: " + backupDescription()
                + "; mirror: " + (mirror != null ? "running" : "off");
    }

    // ------------------------------------------------------------------ closing

    /** Stops the monitor, the mirror (its batch finishes or stays in the change log), then the databases. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(closers);
        log.info("ShopTwin stopped");
    }

    @FunctionalInterface
    private interface Closer {
        void close() throws Exception;
    }

    private record Named(String what, Closer closer) implements Closer {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private static void closeAll(Deque<Closer> closers) {
        while (!closers.isEmpty()) {
            Closer c = closers.pop();
            try {
                c.close();
            } catch (Exception | Error e) {
                // keep closing the rest: a failure here must not leave databases running
                log.warn("While closing {}: {}", c instanceof Named n ? n.what() : "a service", Secrets.mask(String.valueOf(e.getMessage())), e);
            }
        }
    }

    // ------------------------------------------------------------------ start-up

    /** Supabase was unreachable at start-up: apply the migrations the first time it answers again. */
    private static final class MigrateWhenBack implements ConnectionListener {
        private final Database database;
        private final AtomicBoolean done = new AtomicBoolean();

        MigrateWhenBack(Database database) {
            this.database = database;
        }

        @Override
        public void reachabilityChanged(MonitoredDatabase db, Reachability from, Reachability to, ConnectionStatus s) {
            if (db == MonitoredDatabase.SUPABASE && to == Reachability.UP && done.compareAndSet(false, true)) {
                try {
                    database.migrate();
                    log.info("Supabase answers again: the schema is up to date");
                } catch (RuntimeException e) {
                    done.set(false);
                    log.warn("Supabase answers again but the schema could not be checked: {}", e.getMessage());
                }
            }
        }
    }

    private static final class Builder {
        final Settings settings;
        final Deque<Closer> closers = new ArrayDeque<>();
        DemoEnvironment demo;
        Database database;
        PostgresShopStore primaryStore;
        MongoClient mongoClient;
        MongoSettings mongoSettings;
        MongoShopStore backupStore;
        JournaledBackupStore workingBackup;
        Failover failover;
        ConnectionMonitor monitor;
        MirrorRunner mirror;
        SampleData.Inserted sampleData = new SampleData.Inserted(0, 0);

        Builder(Settings settings) {
            this.settings = settings;
        }

        private void onClose(String what, Closer closer) {
            closers.push(new Named(what, closer));
        }

        void build(Consumer<String> progress) {
            // settings that could not be used as typed fell back to defaults: say so once
            settings.warnings().forEach(w -> log.warn("Settings: {}", w));
            PostgresSettings postgres;
            Optional<MongoSettings> mongo;
            if (settings.postgres().isEmpty()) {
                progress.accept("No Supabase configured: starting the demo databases on this computer…");
                demo = DemoEnvironment.start(progress);
                onClose("the demo databases", demo::close);
                postgres = demo.postgresSettings();
                // the demo mirrors to its own embedded MongoDB, never to a configured real one
                mongo = Optional.of(demo.mongoSettings());
            } else {
                postgres = settings.postgres().get();
                mongo = settings.mongo();
            }

            progress.accept(demo != null ? "Opening the demo database…" : "Connecting to Supabase…");
            database = new Database(postgres);
            onClose("the PostgreSQL pool", database::close);
            boolean migrated = migrate(progress);
            if (demo != null && migrated) {
                progress.accept("Checking the demo shop's data…");
                sampleData = SampleData.insertIfEmpty(database.dataSource());
                if (sampleData.customers() > 0) {
                    progress.accept("Added a sample shop: " + sampleData.customers() + " customers, "
                            + sampleData.payments() + " payments.");
                }
            }
            primaryStore = new PostgresShopStore(database);
            // every change this console makes is recorded as this person's (Settings; default the computer's user and host)
            primaryStore.setStaff(Staff.named(settings.history().staffName(), Staff.CONSOLE));
            onClose("the PostgreSQL store", primaryStore::close);

            if (mongo.isPresent()) {
                mongoSettings = mongo.get();
                progress.accept("Connecting to the MongoDB backup…");
                // one client for the backup store, the mirror and the monitor: each takes its own view of it
                mongoClient = MongoConnections.open(mongo.get());
                onClose("the MongoDB client", mongoClient::close);
                backupStore = new MongoShopStore(mongoClient, mongo.get().database(), MongoShopStore.describe(mongo.get()));
                onClose("the MongoDB store", backupStore::close);
                // while Supabase is away, staff keep working on the backup: changes go into the outage journal
                workingBackup = new JournaledBackupStore(backupStore,
                        MongoConnections.forBackupStore(mongoClient, mongo.get().database()),
                        new Journal(MongoConnections.forJournal(mongoClient, mongo.get().database())),
                        () -> ComputerUser.label("console"), java.time.Clock.systemUTC());
                if (demo == null) {
                    // the demo's mongo-java-server would only log that it ignores them
                    createBackupIndexesInTheBackground(backupStore, workingBackup, new MongoShopHistory(
                            MongoConnections.forBackupStore(mongoClient, mongo.get().database()), backupStore.describe()));
                }
                progress.accept("Starting the mirror…");
                mirror = MirrorRunner.start(database, mongoClient, mongo.get().database(), settings.history().retention());
                onClose("the mirror", mirror::close);
            } else {
                log.warn("No MongoDB configured (MONGODB_URI): there is no backup copy and no mirror");
            }

            FailoverSettings f = settings.failover();
            AtomicReference<ConnectionMonitor> self = new AtomicReference<>();
            monitor = new ConnectionMonitor(
                    () -> probeSupabase(self.get()),
                    mongoClient == null ? null : ConnectionMonitor.mongoProbe(mongoClient),
                    Duration.ofSeconds(f.probeIntervalSeconds()), f.failureThreshold());
            self.set(monitor);
            onClose("the connection monitor", monitor::close);
            if (!migrated) {
                monitor.addListener(new MigrateWhenBack(database));
            }
            failover = new Failover(primaryStore, workingBackup, monitor, this::backupAsOf, f.autoFailover());
            monitor.start();
        }

        /**
         * Through the pool while Supabase answers (the round trip the screens see). After a failure,
         * a connection of its own instead: the pool would wait its full connection timeout on every
         * probe of a refused connection, and a direct connection also notices recovery at once.
         */
        private void probeSupabase(ConnectionMonitor monitor) {
            if (monitor == null || monitor.current().supabase().consecutiveFailures() == 0) {
                database.ping();
                return;
            }
            try (Connection c = database.openSessionConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout(5);
                s.execute("select 1");
            } catch (SQLException e) {
                // the same masked, human message as the stores give
                throw SqlErrors.unavailable(e, database.settings());
            }
        }

        /** Best effort: the backup's lists work without them, only slower on a large real MongoDB. */
        private static void createBackupIndexesInTheBackground(MongoShopStore store, JournaledBackupStore working,
                                                               MongoShopHistory history) {
            Thread t = new Thread(() -> {
                try {
                    store.ensureIndexes();
                    working.ensureIndexes();
                    history.ensureIndexes();
                } catch (RuntimeException e) {
                    log.info("Could not create the backup's indexes now (next start tries again): {}", e.getMessage());
                }
            }, "shoptwin-backup-indexes");
            t.setDaemon(true);
            t.start();
        }

        /** Applies migrations; false (and the console opens anyway) when PostgreSQL cannot be reached. */
        private boolean migrate(Consumer<String> progress) {
            progress.accept("Checking the database schema…");
            try {
                database.migrate();
                return true;
            } catch (StoreUnavailableException e) {
                log.warn("PostgreSQL cannot be reached at start-up; the console opens and keeps checking: {}",
                        e.getMessage());
                progress.accept("Supabase cannot be reached: the console will offer the MongoDB backup.");
                return false;
            }
        }

        /** The time of the last mirrored change: the mirror's last success, else the newest change in the copy. */
        private Optional<Instant> backupAsOf() {
            Optional<Instant> fromMirror = mirror == null ? Optional.empty() : mirror.lastSuccessAt();
            if (fromMirror.isPresent()) {
                return fromMirror;
            }
            return backupStore == null ? Optional.empty() : backupStore.newestChange();
        }
    }
}
