package shoptwin.ui.status;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import shoptwin.config.PostgresSettings;
import shoptwin.demo.DemoEnvironment;
import shoptwin.demo.SampleData;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ShopDraft;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.Failover;
import shoptwin.mirror.MirrorService;
import shoptwin.status.MirrorSyncActions;
import shoptwin.status.SyncActions;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.mongo.MongoShopStore;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.ui.common.FxUiExecutor;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.fakes.ScriptedDialogs;
import shoptwin.ui.main.ConsoleServices;
import shoptwin.ui.main.MainWindow;

/**
 * The whole console on databases of its own, for UI tests that stop them: an embedded PostgreSQL
 * and a mongo-java-server (the demo environment in a temporary folder, so never the shared test
 * servers), the sample shop, the real mirror on its thread, a real connection monitor with a short
 * interval, the failover switch, and the real main window with the status screen and banner.
 */
public final class LiveConsole implements AutoCloseable {
    final DemoEnvironment demo;
    final Database db;
    final PostgresShopStore primary;
    final MongoClient mongoClient;
    final MongoDatabase mongo;
    final MongoShopStore backup;
    /** The backup with the outage journal over it (the console's own when {@code working}); its changes, as the screens see them. */
    final shoptwin.store.journal.JournaledBackupStore workingBackup;
    final shoptwin.status.OutageChanges outage;
    final boolean working;
    final MirrorService mirror;
    final Thread mirrorThread;
    final ConnectionMonitor monitor;
    final Failover failover;
    final FxUiExecutor executor = new FxUiExecutor(3);
    final ScriptedDialogs dialogs = new ScriptedDialogs();
    MainWindow window;
    SyncConsole sync;

    /** A small shop (fast to mirror): tests. */
    public LiveConsole(Path dir, Duration probeInterval, int failureThreshold) {
        this(dir, probeInterval, failureThreshold, false);
    }

    /** @param sampleShop the demo's realistic sample shop (screenshots) instead of a small one (tests) */
    public LiveConsole(Path dir, Duration probeInterval, int failureThreshold, boolean sampleShop) {
        this(dir, probeInterval, failureThreshold, sampleShop, false);
    }

    /**
     * @param working the console works on the backup during an outage (the outage journal), as the app does;
     *                false: the backup is read-only, as a console without the journal
     */
    public LiveConsole(Path dir, Duration probeInterval, int failureThreshold, boolean sampleShop, boolean working) {
        this.working = working;
        demo = DemoEnvironment.start(dir, m -> { });
        db = new Database(demo.postgresSettings(), 4);
        db.migrate();
        primary = new PostgresShopStore(db);
        if (sampleShop) {
            SampleData.insertIfEmpty(db.dataSource());
        } else {
            smallShop(primary);
        }
        mongoClient = MongoConnections.open(demo.mongoSettings());
        mongo = mongoClient.getDatabase(demo.mongoSettings().database());
        backup = new MongoShopStore(mongoClient, demo.mongoSettings().database(), "MongoDB backup (test)");
        mirror = MirrorService.builder().database(db).mongoClient(mongoClient, demo.mongoSettings().database())
                .pollInterval(Duration.ofMillis(200)).standbyRetry(Duration.ofMillis(300))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
        mirrorThread = new Thread(mirror, "mirror-ui-test");
        mirrorThread.setDaemon(true);
        mirrorThread.start();
        monitor = new ConnectionMonitor(directProbe(demo.postgresSettings()), ConnectionMonitor.mongoProbe(mongoClient),
                probeInterval, failureThreshold);
        workingBackup = new shoptwin.store.journal.JournaledBackupStore(backup,
                MongoConnections.forBackupStore(mongoClient, demo.mongoSettings().database()),
                new shoptwin.store.journal.Journal(MongoConnections.forJournal(mongoClient, demo.mongoSettings().database())),
                () -> "meera (console on SHOP-PC)", java.time.Clock.systemUTC());
        outage = new shoptwin.status.JournalOutageChanges(workingBackup.journal(),
                new shoptwin.mirror.journal.JournalReplay(db, workingBackup.journal(), java.time.Clock.systemUTC(), s -> s),
                new shoptwin.mirror.journal.JournalResolver(db, workingBackup.journal(), java.time.Clock.systemUTC(), s -> s),
                workingBackup, () -> "meera (console on SHOP-PC)");
        failover = new Failover(primary, working ? workingBackup : backup, monitor, this::backupAsOf, false);
        monitor.start();
        // the sample shop reaches MongoDB before any test looks at the copy
        await().atMost(Duration.ofSeconds(60)).until(() -> mirror.health().lastSuccessAt() != null && mirror.health().backlog() == 0);
    }

    private static void smallShop(PostgresShopStore store) {
        store.saveShop(-1, new ShopDraft("Corner Shop", "Asha Patel", null, null, null, "EUR", "Europe/Berlin", null, null));
        String[] first = {"Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ida", "Jonas"};
        String[] last = {"Meyer", "Okafor", "Rossi", "Schmidt"};
        java.time.Instant day = java.time.Instant.parse("2026-10-01T10:00:00Z");
        int n = 0;
        for (String l : last) {
            for (String f : first) {
                n++;
                var c = store.createCustomer(new CustomerDraft(f + " " + l, "+49 30 1234 " + String.format("%04d", n),
                        f.toLowerCase() + "." + l.toLowerCase() + "@example.com", null, null));
                store.createPayment(new PaymentDraft(c.id(), (10 + n) + ".50", PaymentMethod.CARD, "R-" + n, null,
                        day.plus(Duration.ofDays(n % 30))));
            }
        }
    }

    private Optional<java.time.Instant> backupAsOf() {
        Optional<java.time.Instant> last = Optional.ofNullable(mirror.health().lastSuccessAt());
        return last.isPresent() ? last : backup.newestChange();
    }

    /**
     * A probe on a fresh connection with a 1 s connect timeout: a stopped server refuses at once, so
     * DOWN follows after interval × threshold (the pool would first wait out its own timeout).
     */
    private static ConnectionMonitor.Probe directProbe(PostgresSettings pg) {
        return () -> {
            Properties p = new Properties();
            p.putAll(pg.properties());
            p.setProperty("user", pg.user());
            if (pg.password() != null) {
                p.setProperty("password", pg.password());
            }
            p.setProperty("connectTimeout", "1");
            p.setProperty("socketTimeout", "2");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), p); Statement s = c.createStatement()) {
                s.execute("select 1");
            }
        };
    }

    public SyncActions actions() {
        return new MirrorSyncActions(db, mongo, mirror);
    }

    /** Builds the real main window with the status screen and banner; on the FX thread. */
    public MainWindow buildWindow(SyncActions actions, boolean withDrill) {
        ConsoleServices services = new ConsoleServices(failover.store(), true, executor, dialogs, new MemoryUiPreferences(), null, null);
        window = new MainWindow(services);
        sync = SyncConsole.install(window, new SyncServices(failover, monitor, MirrorFeed.of(mirror), actions,
                withDrill ? OutageDrill.of(demo) : null, working ? outage : null), executor, dialogs);
        return window;
    }

    public DemoEnvironment demo() {
        return demo;
    }

    public Database database() {
        return db;
    }

    public FxUiExecutor executor() {
        return executor;
    }

    public PostgresShopStore primary() {
        return primary;
    }

    public MongoShopStore backup() {
        return backup;
    }

    /** The backup with the outage journal over it (what a working console reads during an outage). */
    public shoptwin.store.journal.JournaledBackupStore workingBackup() {
        return workingBackup;
    }

    public shoptwin.status.OutageChanges outage() {
        return outage;
    }

    public MongoDatabase mongo() {
        return mongo;
    }

    public Failover failover() {
        return failover;
    }

    public MirrorService mirror() {
        return mirror;
    }

    public MainWindow window() {
        return window;
    }

    public SyncConsole sync() {
        return sync;
    }

    public ScriptedDialogs dialogs() {
        return dialogs;
    }

    @Override
    public void close() {
        if (sync != null) {
            javafx.application.Platform.runLater(sync::close);
        }
        monitor.close();
        mirror.close();
        executor.close();
        backup.close();
        mongoClient.close();
        primary.close();
        db.close();
        demo.close();
    }
}
