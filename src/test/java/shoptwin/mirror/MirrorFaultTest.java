package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;

class MirrorFaultTest {

    /** Thrown by the fault point: the mirror "crashes" between the MongoDB write and the change-log delete. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between the MongoDB write and the change-log delete");
        }
    }

    @Test
    void mongoStoppedInTheMiddleOfAWriteLoadLosesNothing(@TempDir Path dir) throws Exception {
        int port = freePort();
        String file = dir.resolve("mongo.mv").toString();
        MongoServer server = new MongoServer(new H2Backend(file));
        server.bind("127.0.0.1", port);
        try (MirrorFixture f = new MirrorFixture(new MongoSettings("mongodb://127.0.0.1:" + port, "shop-management"))) {
            MirrorService mirror = f.start();
            AtomicInteger round = new AtomicInteger();
            Runnable writeSome = () -> f.tx(c -> {
                int r = round.incrementAndGet();
                MirrorFixture.insertCustomers(c, 20, "Load " + r);
                try (var s = c.createStatement()) {
                    s.execute("update public.customers set notes = 'round " + r + "' where name like 'Load " + (r - 1) + " %'");
                    s.execute("delete from public.customers where name = 'Load " + (r - 1) + " 7'");
                }
            });
            for (int i = 0; i < 5; i++) {
                writeSome.run();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);

            server.shutdownNow();
            for (int i = 0; i < 5; i++) {
                writeSome.run();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> mirror.health().state() == MirrorHealth.State.RETRYING);
            assertThat(mirror.health().nextAttemptAt()).isNotNull();
            assertThat(mirror.health().recentErrors()).isNotEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> mirror.health().backlog() > 0);
            long backlogWhileDown = f.backlog();
            assertThat(backlogWhileDown).isGreaterThanOrEqualTo(5 * 22);

            server = new MongoServer(new H2Backend(file));
            server.bind("127.0.0.1", port);
            writeSome.run();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0
                    && mirror.health().state() == MirrorHealth.State.RUNNING);
            VerifyReport report = f.verify();
            assertThat(report.isEqual()).as(report.describe()).isTrue();
            assertThat(report.table(MirrorTable.CUSTOMERS).rows()).isEqualTo(11 * 20 - 10);
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aCrashBetweenTheMongoWriteAndTheChangeLogDeleteLosesAndRegressesNothing() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            AtomicBoolean crashNext = new AtomicBoolean(true);
            AtomicBoolean crashed = new AtomicBoolean();
            f.start(f.builder().afterMongoWrite(() -> {
                if (crashNext.getAndSet(false)) {
                    crashed.set(true);
                    throw new SimulatedCrash();
                }
            }));
            f.tx(c -> MirrorFixture.insertCustomers(c, 30, "Crash"));
            await().atMost(Duration.ofSeconds(20)).untilTrue(crashed);
            // written to MongoDB, still in the change log: delivered at least once, not yet acknowledged
            await().atMost(Duration.ofSeconds(5)).until(() -> f.mongo.getCollection("customers").countDocuments() == 30);
            assertThat(f.backlog()).isEqualTo(30);

            f.sql("update public.customers set phone = '123' where name = 'Crash 3'");
            f.start(); // the console restarts
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
            assertThat(f.mongo.getCollection("customers").find(Filters.eq("name", "Crash 3")).first().get("phone")).isEqualTo("123");
            VerifyReport report = f.verify();
            assertThat(report.isEqual()).as(report.describe()).isTrue();
        }
    }

    @Test
    void twoConsolesOneLeadsTheOtherStandsByAndTakesOver() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService a = f.start(f.builder().host("console-a"));
            await().atMost(Duration.ofSeconds(10)).until(() -> a.health().isLeader());
            MirrorService b = f.start(f.builder().host("console-b"));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.health().state() == MirrorHealth.State.STANDBY
                    && b.health().leader().isPresent());
            assertThat(b.health().leader().get().host()).isEqualTo("console-a");
            assertThat(b.health().leader().get().isThisInstance()).isFalse();
            assertThat(b.health().leader().get().pid()).isEqualTo(ProcessHandle.current().pid());

            f.tx(c -> MirrorFixture.insertCustomers(c, 25, "Before"));
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
            assertThat(b.health().state()).isEqualTo(MirrorHealth.State.STANDBY);

            a.close();
            f.tx(c -> MirrorFixture.insertCustomers(c, 25, "After"));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.health().isLeader());
            assertThat(b.health().leader().get().host()).isEqualTo("console-b");
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
            VerifyReport report = f.verify();
            assertThat(report.isEqual()).as(report.describe()).isTrue();
            assertThat(report.table(MirrorTable.CUSTOMERS).documents()).isEqualTo(50);
        }
    }

    @Test
    void aDocumentMongoRejectsIsParkedTheRestGoThroughAndRetryDeliversIt() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            // a rule of this copy that one row breaks: a unique email index
            f.mongo.getCollection("customers").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            MirrorService mirror = f.start();
            f.sql("insert into public.customers(name, email) values ('Ann', 'same@example.com')");
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
            f.sql("insert into public.customers(name, email) values ('Ben', 'same@example.com'), ('Cat', 'cat@example.com')");

            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0 && mirror.health().parkedCount() == 1);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Cat"))).isEqualTo(1);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Ben"))).isZero();
            List<ParkedChange> parked = mirror.parked(10);
            assertThat(parked).hasSize(1);
            assertThat(parked.get(0).error()).contains("E11000");
            assertThat(f.verify().table(MirrorTable.CUSTOMERS).missing()).isEqualTo(1);

            f.mongo.getCollection("customers").dropIndex(Indexes.ascending("email"));
            assertThat(mirror.retryParked(List.of())).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0
                    && f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Ben")) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> mirror.health().parkedCount() == 0);
            assertThat(mirror.parked(10)).isEmpty();
            assertThat(f.count("select count(*) from shoptwin.parked_change")).isZero();
            assertThat(f.verify().isEqual()).isTrue();
        }
    }

    @Test
    void postgresLostAndBackTheMirrorReconnectsRetakesTheLockAndCatchesUp(@TempDir Path dir) throws Exception {
        int port = freePort();
        EmbeddedPostgres pg = startPostgres(dir, port);
        PostgresSettings settings = new PostgresSettings("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
        MongoSettings mongoSettings = shoptwin.testing.TestDatabases.freshMongo();
        try (Database db = new Database(settings); var client = com.mongodb.client.MongoClients.create(mongoSettings.uri());
             MirrorService mirror = MirrorService.builder().database(db).mongo(mongoSettings).pollInterval(Duration.ofMillis(300))
                     .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build()) {
            db.migrate();
            Thread t = new Thread(mirror, "mirror-pg-loss");
            t.start();
            sql(db, "insert into public.customers(name) select 'Before ' || g from generate_series(1, 20) g");
            await().atMost(Duration.ofSeconds(20)).until(() -> client.getDatabase(mongoSettings.database())
                    .getCollection("customers").countDocuments() == 20 && mirror.health().isLeader());

            pg.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> mirror.health().state() == MirrorHealth.State.RETRYING);
            assertThat(mirror.health().recentErrors()).isNotEmpty();
            assertThat(mirror.health().recentErrors().get(mirror.health().recentErrors().size() - 1).message()).startsWith("PostgreSQL");

            pg = startPostgres(dir, port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                sql(db, "select 1");
                return true;
            });
            sql(db, "insert into public.customers(name) select 'After ' || g from generate_series(1, 20) g");
            await().atMost(Duration.ofSeconds(40)).until(() -> mirror.health().isLeader()
                    && client.getDatabase(mongoSettings.database()).getCollection("customers").countDocuments() == 40);
            VerifyReport report = new Verify(db, client.getDatabase(mongoSettings.database())).run();
            assertThat(report.isEqual()).as(report.describe()).isTrue();
            mirror.close();
            t.join(10_000);
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path dir, int port) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(false).start();
    }

    private static void sql(Database db, String statement) throws java.sql.SQLException {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Map<String, Object> fields(Document d) {
        return d;
    }
}
