package shoptwin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.cli.ShopTwinCommand;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.ChildJvm;
import shoptwin.testing.RestartableServers;
import shoptwin.testing.TestDatabases;

/**
 * {@code shoptwin mirror} as a service manager runs it: a process of its own (a child JVM), stopped with
 * SIGTERM, started while MongoDB is away.
 */
class MirrorProcessTest {
    private static final String PASSWORD = "Process-S3cret-pw";
    private static final String MONGO_DATABASE = "shop";
    /**
     * Enough that the catch-up takes several seconds here: the mirror's writes are fenced (a _v filter), which
     * mongo-java-server serves with a collection scan, so the peer slows as the copy grows (docs/benchmarks.md,
     * "Fenced writes"); 40,000 took over two minutes to drain on a loaded machine.
     */
    private static final int BACKLOG = 12_000;

    @TempDir
    Path dir;

    private PostgresSettings pg;
    private Database db;
    private RestartableServers.Mongo mongo;
    private MongoClient client;

    @BeforeEach
    void databases() {
        PostgresSettings fresh = TestDatabases.freshPostgres();
        pg = new PostgresSettings(fresh.jdbcUrl(), fresh.user(), PASSWORD);
        db = new Database(pg, 2);
        db.migrate();
        mongo = new RestartableServers.Mongo(dir);
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        mongo.close();
        db.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SUPABASE_DB_URL", pg.jdbcUrl().replace("jdbc:postgresql://", "postgresql://postgres:" + PASSWORD + "@"));
        env.put("MONGODB_URI", mongo.uri());
        env.put("MONGODB_DATABASE", MONGO_DATABASE);
        env.put("SHOPTWIN_CONFIG_DIR", dir.resolve("config").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("SHOPTWIN_PROBE_INTERVAL_SECONDS", "1");
        env.put("SHOPTWIN_FAILURE_THRESHOLD", "1");
        // the production logging (the child's classpath also holds logback-test.xml, which would win)
        env.put("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=logback.xml");
        return env;
    }

    private MongoDatabase copy() {
        if (client == null) {
            client = MongoClients.create(mongo.uri());
        }
        return client.getDatabase(MONGO_DATABASE);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long backlog() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from shoptwin.change_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every change in the log now: its id and the row it is about. */
    private Map<Long, String> changeLog() throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, row_id::text from shoptwin.change_log")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    private int cli(String... args) {
        Map<String, String> env = env();
        StringWriter out = new StringWriter();
        return ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(out), new PrintWriter(out), args);
    }

    private static String output(Path log) throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Test
    void sigtermDuringACatchUpExitsWithinTenSecondsLeavesNothingHalfAcknowledgedAndTheNextRunDrainsIt() throws Exception {
        mongo.start();
        sql("insert into public.customers(name, email) select 'Night order ' || g, 'night' || g || '@example.com'"
                + " from generate_series(1, " + BACKLOG + ") g");
        Map<Long, String> captured = changeLog();
        assertThat(captured).hasSize(BACKLOG);
        Path log = dir.resolve("mirror.out");

        try (ChildJvm mirror = ChildJvm.start("shoptwin.Main", List.of("mirror", "--log-stdout"), env(), log)) {
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> copy().getCollection("customers").countDocuments() >= 3_000);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the mirror did not get 3,000 customers into the copy; the child's output:\n" + output(log), e);
            }
            long terminatedAt = System.nanoTime();
            mirror.stop(Duration.ofSeconds(10)); // SIGTERM; SIGKILL only if it is still there after 10 s
            long tookMillis = (System.nanoTime() - terminatedAt) / 1_000_000;
            assertThat(mirror.waitFor(Duration.ofSeconds(1))).as("exit code after SIGTERM (137 = killed: it did not exit"
                    + " within 10 s, after " + tookMillis + " ms)\n" + output(log)).isEqualTo(143);
            System.out.println("SIGTERM during the catch-up: exited in " + tookMillis + " ms");
        }

        // every change is either in the copy and gone from the log, or still in the log
        Set<String> inCopy = new HashSet<>();
        copy().getCollection("customers").find().projection(new Document("_id", 1)).forEach(d -> inCopy.add(d.getString("_id")));
        Map<Long, String> left = changeLog();
        long lost = captured.entrySet().stream().filter(e -> !left.containsKey(e.getKey()) && !inCopy.contains(e.getValue())).count();
        assertThat(lost).as("changes gone from the log but not in the copy").isZero();
        assertThat(left).as("stopped in the middle of the catch-up").isNotEmpty().hasSizeLessThan(BACKLOG);

        String out = output(log);
        System.out.println("left in the log: " + left.size() + " of " + BACKLOG + "; the child's last lines:\n"
                + String.join("\n", out.lines().skip(Math.max(0, out.lines().count() - 6)).toList()));
        assertThat(out).contains("Stopping: the batch in flight finishes or stays in the change log")
                .contains("Mirror service stopped in").doesNotContain(PASSWORD);
        assertThat(out.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by"))).as("one line per event").isEmpty();
        assertThat(out.lines().filter(l -> l.contains("[DB Sync] Mirrored"))).allMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.* INFO .*"));

        // the next run drains what was left, and the copy is exact
        assertThat(cli("mirror", "--once", "--timeout", "120")).isZero();
        assertThat(backlog()).isZero();
        assertThat(copy().getCollection("customers").countDocuments()).isEqualTo(BACKLOG);
        assertThat(cli("verify")).isZero();
    }

    @Test
    void startedWhileMongoIsAwayItWaitsSayingSoAndStartsMirroringWhenMongoComesWithoutARestart() throws Exception {
        int port = RestartableServers.freePort();
        Map<String, String> env = env();
        env.put("SHOPTWIN_HTTP", "127.0.0.1:" + port);
        env.put("JOURNAL_STREAM", "8:12345"); // as systemd sets it when stdout is the journal
        sql("insert into public.customers(name) select 'Waiting ' || g from generate_series(1, 100) g");
        Path log = dir.resolve("mirror.out");
        Endpoints http = new Endpoints(port);

        try (ChildJvm mirror = ChildJvm.start("shoptwin.Main", List.of("mirror"), env, log)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> output(log).contains("Waiting for MongoDB"));
            await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/readyz").body().contains("waiting at start-up: MongoDB"));
            assertThat(http.get("/readyz").status()).isEqualTo(503);
            assertThat(http.get("/livez").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> http.metric("shoptwin_backlog_changes") == 100);

            mongo.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> backlog() == 0 && http.get("/readyz").status() == 200);
            assertThat(http.get("/readyz").body()).startsWith("ready: leading");
            assertThat(mirror.isAlive()).isTrue();
            mirror.stop(Duration.ofSeconds(10));
            assertThat(mirror.waitFor(Duration.ofSeconds(1))).isEqualTo(143);
        }
        assertThat(cli("verify")).isZero();
        String out = output(log);
        System.out.println("the child's output:\n" + out);
        List<String> waits = out.lines().filter(l -> l.contains("Waiting for MongoDB")).toList();
        assertThat(waits).isNotEmpty().allMatch(l -> l.matches("^<4>WARN .*next attempt in \\d+ s \\(attempt \\d+\\)$"));
        assertThat(out.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by"))).as("one line per event").isEmpty();
        assertThat(out).contains("MongoDB answers after").doesNotContain(PASSWORD);
    }
}
