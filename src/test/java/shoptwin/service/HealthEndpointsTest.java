package shoptwin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.HttpAddress;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorListener;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.Verify;
import shoptwin.store.postgres.Database;
import shoptwin.testing.RestartableServers;
import shoptwin.testing.TestDatabases;

/**
 * The headless mirror's /livez, /readyz and /metrics over real HTTP, against a real PostgreSQL and a
 * MongoDB-wire server that the test stops and starts, the way a shop's night goes when the backup's
 * server restarts.
 */
class HealthEndpointsTest {
    /** Accepted by the embedded server's trust authentication; it must show up in no answer. */
    private static final String PASSWORD = "Endpoint-S3cret-pw";

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private Database db;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private PostgresSettings migratedPostgres() {
        PostgresSettings fresh = TestDatabases.freshPostgres();
        PostgresSettings pg = new PostgresSettings(fresh.jdbcUrl(), fresh.user(), PASSWORD);
        db = new Database(pg, 2);
        open.add(db);
        db.migrate();
        return pg;
    }

    static HeadlessMirror.Builder quick(PostgresSettings pg, MongoSettings mongo) {
        return HeadlessMirror.builder(pg, mongo).http(HttpAddress.parse("127.0.0.1:0", "test"))
                .probes(Duration.ofMillis(300), 1).startupBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                .tuneMirror(b -> b.pollInterval(Duration.ofMillis(300)).standbyRetry(Duration.ofMillis(300))
                        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private HeadlessMirror start(HeadlessMirror.Builder builder) throws Exception {
        HeadlessMirror service = builder.build().start();
        open.add(service);
        return service;
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    private static void assertNoSecret(Endpoints.Answer... answers) {
        for (Endpoints.Answer a : answers) {
            assertThat(a.body()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void throughAMongoOutageReadinessGoesTo503AndBackTheBacklogRisesAndFallsAndEveryChangeIsCountedOnce() throws Exception {
        RestartableServers.Mongo mongo = new RestartableServers.Mongo(dir).start();
        open.add(mongo);
        PostgresSettings pg = migratedPostgres();
        HeadlessMirror service = start(quick(pg, mongo.settings("shop")));
        Endpoints http = new Endpoints(service.httpPort().orElseThrow());

        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/readyz").status() == 200);
        assertThat(http.get("/readyz").body()).startsWith("ready: leading");
        assertThat(http.get("/livez")).isEqualTo(new Endpoints.Answer(200, "alive: mirroring\n"));

        // a morning's work: a shop, customers, payments, an edit, a deletion
        sql("insert into public.shop(name) values ('Corner Store')",
                "insert into public.customers(name) select 'Before ' || g from generate_series(1, 5) g",
                "insert into public.payments(customer_id, amount, method) select id, 10.50, 'cash' from public.customers"
                        + " where name in ('Before 1', 'Before 2', 'Before 3')",
                "update public.customers set phone = '555-0100' where name in ('Before 1', 'Before 2')",
                "delete from public.customers where name = 'Before 5'");
        await().atMost(Duration.ofSeconds(20)).until(() -> http.metric("shoptwin_changes_applied_total", "table", "customers", "op", "delete") == 1
                && http.metric("shoptwin_backlog_changes") == 0);

        // MongoDB goes away: not ready, with the reason; still alive; changes wait and the backlog grows
        mongo.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/readyz").status() == 503);
        Endpoints.Answer notReady = http.get("/readyz");
        assertThat(notReady.body()).startsWith("not ready: ").contains("MongoDB");
        assertThat(http.get("/livez").status()).isEqualTo(200);

        sql("insert into public.customers(name) select 'During ' || g from generate_series(1, 10) g");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.metric("shoptwin_backlog_changes") >= 10);
        double firstBacklog = http.metric("shoptwin_backlog_changes");
        sql("insert into public.customers(name) select 'Later ' || g from generate_series(1, 10) g",
                "update public.payments set note = 'paid in full'");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.metric("shoptwin_backlog_changes") >= 23);
        assertThat(http.metric("shoptwin_backlog_changes")).isGreaterThan(firstBacklog);
        assertThat(http.metric("shoptwin_oldest_pending_age_seconds")).isPositive();
        assertThat(http.metric("shoptwin_mirror_errors_total")).isPositive();
        assertThat(http.metric("shoptwin_database_up", "database", "mongodb")).isZero();
        assertThat(http.metric("shoptwin_database_up", "database", "postgresql")).isEqualTo(1);
        assertThat(http.metric("shoptwin_is_leader")).isEqualTo(1);
        String during = http.get("/metrics").body();
        assertNoSecret(notReady, http.get("/livez"), http.get("/metrics"));

        // MongoDB is back: ready again, the backlog drains, and each change was counted exactly once
        mongo.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/readyz").status() == 200
                && http.metric("shoptwin_backlog_changes") == 0);
        String after = http.get("/metrics").body();
        Map<String, Double> expected = Map.of("customers/insert", 25.0, "customers/update", 2.0, "customers/delete", 1.0,
                "payments/insert", 3.0, "payments/update", 3.0, "payments/delete", 0.0, "shop/insert", 1.0, "shop/update", 0.0);
        expected.forEach((key, n) -> {
            String[] tableOp = key.split("/");
            assertThat(Endpoints.value(after, "shoptwin_changes_applied_total", "table", tableOp[0], "op", tableOp[1]))
                    .as(key).hasValue(n);
        });
        assertThat(Endpoints.value(during, "shoptwin_changes_applied_total", "table", "customers", "op", "insert")).hasValue(5.0);
        assertThat(Endpoints.value(after, "shoptwin_oldest_pending_age_seconds")).hasValue(0.0);
        assertThat(Endpoints.value(after, "shoptwin_parked_changes")).hasValue(0.0);
        assertThat(Endpoints.value(after, "shoptwin_last_success_timestamp_seconds").orElseThrow())
                .isGreaterThan(System.currentTimeMillis() / 1000.0 - 60);
        assertThat(after).contains("jvm_memory_used_bytes").contains("shoptwin_build_info{version=\"");
        assertNoSecret(http.get("/readyz"), http.get("/metrics"));
        try (MongoClient client = MongoClients.create(mongo.uri())) {
            assertThat(new Verify(db, client.getDatabase("shop")).run().isEqual()).isTrue();
        }
    }

    @Test
    void withPostgresAwayAtStartItIsAliveButNotReadyAndStartsMirroringWhenPostgresAnswers() throws Exception {
        RestartableServers.Postgres pgServer = new RestartableServers.Postgres(dir.resolve("pg"));
        open.add(pgServer);
        pgServer.start();
        try (Connection c = java.sql.DriverManager.getConnection(pgServer.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create database shop");
        }
        pgServer.stop();
        MongoSettings mongo = TestDatabases.freshMongo();
        PostgresSettings pg = new PostgresSettings(pgServer.jdbcUrl("shop"), "postgres", PASSWORD);
        HeadlessMirror service = start(quick(pg, mongo));
        Endpoints http = new Endpoints(service.httpPort().orElseThrow());

        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/readyz").body().contains("waiting at start-up: PostgreSQL"));
        assertThat(http.get("/readyz").status()).isEqualTo(503);
        assertThat(http.get("/livez").status()).isEqualTo(200);
        assertThat(Endpoints.value(http.get("/metrics").body(), "shoptwin_backlog_changes")).as("unknown, not 0").isEmpty();
        assertNoSecret(http.get("/readyz"), http.get("/metrics"));

        pgServer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/readyz").status() == 200);
        db = new Database(pg, 2);
        open.add(db);
        sql("insert into public.customers(name) values ('First customer')");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.metric("shoptwin_changes_applied_total", "table", "customers", "op", "insert") == 1);
    }

    @Test
    void aServiceAndAConsoleOnOneDatabaseOneLeadsTheOtherStandsByAndNamesIt() throws Exception {
        PostgresSettings pg = migratedPostgres();
        MongoSettings mongo = TestDatabases.freshMongo();
        HeadlessMirror service = start(quick(pg, mongo));
        Endpoints http = new Endpoints(service.httpPort().orElseThrow());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/readyz").body().startsWith("ready: leading"));

        // a console on the till opens the same shop: its mirror stands by and names the service
        ConsoleMirror till = new ConsoleMirror(db, mongo, "till-1");
        open.add(till);
        await().atMost(Duration.ofSeconds(20)).until(() -> till.health().state() == MirrorHealth.State.STANDBY
                && till.health().leader().isPresent());
        MirrorHealth.Leader leader = till.health().leader().get();
        assertThat(leader.isThisInstance()).isFalse();
        assertThat(leader.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(leader.host()).isNotEqualTo("till-1");
        assertThat(leader.kind()).as("the leader's row says a service leads").isEqualTo(MirrorHealth.Kind.SERVICE);
        assertThat(MirrorService.observe(db).leader().orElseThrow().kind()).isEqualTo(MirrorHealth.Kind.SERVICE);
        assertThat(http.metric("shoptwin_is_leader")).isEqualTo(1);
        sql("insert into public.customers(name) values ('Served by the service')");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.metric("shoptwin_changes_applied_total", "table", "customers", "op", "insert") == 1);
        assertThat(till.applied()).isZero();

        // the service stops (an upgrade, a reboot): the till takes over; a second service stands by behind it
        service.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> till.health().isLeader());
        HeadlessMirror second = start(quick(pg, mongo));
        Endpoints http2 = new Endpoints(second.httpPort().orElseThrow());
        await().atMost(Duration.ofSeconds(30)).until(() -> http2.get("/readyz").status() == 200);
        assertThat(http2.get("/readyz").body()).startsWith("ready: standby: till-1 (pid " + ProcessHandle.current().pid());
        assertThat(MirrorService.observe(db).leader().orElseThrow().kind()).isEqualTo(MirrorHealth.Kind.CONSOLE);
        assertThat(http2.metric("shoptwin_is_leader")).isZero();
        assertThat(http2.metric("shoptwin_leader_present")).isEqualTo(1);
        assertThat(http2.metric("shoptwin_mirror_state", "state", "standby")).isEqualTo(1);
        sql("insert into public.customers(name) values ('Served by the till')");
        await().atMost(Duration.ofSeconds(20)).until(() -> till.applied() == 1);
    }

    @Test
    void livenessFailsOnceTheMirrorLoopHasDied() throws Exception {
        PostgresSettings pg = migratedPostgres();
        AtomicBoolean thrown = new AtomicBoolean();
        MirrorListener breaksOnce = new MirrorListener() {
            @Override
            public void healthChanged(MirrorHealth health) {
                if (health.isLeader() && thrown.compareAndSet(false, true)) {
                    throw new AssertionError("simulated bug in the loop"); // an Error: nothing in the loop catches it
                }
            }
        };
        HeadlessMirror service = start(quick(pg, TestDatabases.freshMongo()).tuneMirror(b -> b.listener(breaksOnce)));
        Endpoints http = new Endpoints(service.httpPort().orElseThrow());

        assertThat(service.awaitEnd()).as("exit code: the supervisor starts it again").isEqualTo(1);
        assertThat(thrown).isTrue();
        assertThat(service.health().loopAlive()).isFalse();
        // the process is on its way out: nothing answers 200 on /livez any more (see HealthServerTest for the 503)
        assertThatThrownBy(() -> http.get("/livez")).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void aBatchThatOutlivesTheStopGraceIsAbandonedAndItsChangesStayInTheChangeLog() throws Exception {
        PostgresSettings pg = migratedPostgres();
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Runnable stuckAfterTheWrite = () -> {
            written.countDown();
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS); // MongoDB acknowledged; the log is not trimmed yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        HeadlessMirror service = start(quick(pg, TestDatabases.freshMongo()).stopGrace(Duration.ofMillis(500))
                .tuneMirror(b -> shoptwin.mirror.MirrorFaultPoints.afterMongoWrite(b, stuckAfterTheWrite)));
        sql("insert into public.customers(name) values ('In flight')");
        assertThat(written.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        service.stop(); // returns although the batch has not finished: in the real process the JVM ends here

        assertThat(release.getCount()).as("the batch is still in flight").isEqualTo(1);
        assertThat(count("select count(*) from shoptwin.change_log")).as("its change is still in the log").isEqualTo(1);
        release.countDown();
        assertThat(service.awaitEnd()).isZero();
    }

    private long count(String query) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A console's mirror: the same service on a thread of its own, as the console's MirrorRunner runs it. */
    static final class ConsoleMirror implements AutoCloseable {
        private final shoptwin.mirror.MirrorService service;
        private final Thread thread;
        private final java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();

        ConsoleMirror(Database db, MongoSettings mongo, String host) {
            service = shoptwin.mirror.MirrorService.builder().database(db).mongo(mongo).host(host)
                    .pollInterval(Duration.ofMillis(300)).standbyRetry(Duration.ofMillis(300))
                    .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                    .listener(new MirrorListener() {
                        @Override
                        public void batchApplied(BatchResult result) {
                            applied.addAndGet(result.changesRead() - result.parked());
                        }
                    }).build();
            thread = new Thread(service, "console-mirror-" + host);
            thread.setDaemon(true);
            thread.start();
        }

        MirrorHealth health() {
            return service.health();
        }

        long applied() {
            return applied.get();
        }

        @Override
        public void close() throws InterruptedException {
            service.close();
            thread.join(10_000);
        }
    }
}
