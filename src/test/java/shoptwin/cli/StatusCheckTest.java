package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorService;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

/** {@code shoptwin status --check}: each bound, each problem, and the exit codes a cron job or Nagios reads. */
class StatusCheckTest {
    @TempDir
    Path dir;

    private PostgresSettings pg;
    private Database db;
    private MirrorService mirror;
    private Thread mirrorThread;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        pg = TestDatabases.freshPostgres();
        db = new Database(pg, 2);
        db.migrate();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (mirror != null) {
            mirror.close();
            mirrorThread.join(10_000);
        }
        db.close();
    }

    private int run(String... args) {
        return runAgainst(pg.jdbcUrl() + "?user=" + pg.user(), args);
    }

    private int runAgainst(String supabaseUrl, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = Map.of("SUPABASE_DB_URL", supabaseUrl);
        int code = ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    /** A leader that cannot deliver (MongoDB unreachable): it holds the lock, the backlog stays. */
    private void startALeaderThatCannotReachMongo() {
        mirror = MirrorService.builder().database(db).mongo(new MongoSettings("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500", "shop"))
                .host("shop-server").standbyRetry(Duration.ofMillis(200)).backoff(Duration.ofMillis(100), Duration.ofMillis(500)).build();
        mirrorThread = new Thread(mirror, "status-check-leader");
        mirrorThread.setDaemon(true);
        mirrorThread.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> MirrorService.observe(db).leader().isPresent());
    }

    @Test
    void noLeaderIsAProblem() {
        assertThat(run("status", "--check")).isEqualTo(1);
        assertThat(out).isEqualTo("PROBLEM: no mirror is running (no console or shoptwin mirror holds the leader lock)\n");
    }

    @Test
    void aLiveLeaderAndACopyWithinTheBoundsIsOk() throws Exception {
        startALeaderThatCannotReachMongo();
        assertThat(run("status", "--check")).as(out + err).isZero();
        assertThat(out).startsWith("OK: the mirror on shop-server (pid " + ProcessHandle.current().pid() + ") leads")
                .contains("backlog 0").contains("bounds: lag 5 min").endsWith(")\n");
        assertThat(run("status", "--check", "--quiet")).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void lagOverTheBoundIsAProblemAndALongerBoundIsNot() throws Exception {
        startALeaderThatCannotReachMongo();
        sql("insert into public.customers(name) values ('Waiting since the morning')",
                "update shoptwin.change_log set changed_at = clock_timestamp() - interval '10 minutes'");
        await().atMost(Duration.ofSeconds(20)).until(() -> !MirrorService.observe(db).recentErrors().isEmpty()); // it tried, and said why

        assertThat(run("status", "--check")).isEqualTo(1);
        assertThat(out).startsWith("PROBLEM: lag 10 min over the bound of 5 min (1 change(s) waiting)")
                .contains("the mirror on shop-server (pid ").contains("its last error: MongoDB: ");
        assertThat(out.lines()).hasSize(1);
        assertThat(run("status", "--check", "--quiet")).as("--quiet says problems all the same").isEqualTo(1);
        assertThat(out).startsWith("PROBLEM: lag 10 min");

        assertThat(run("status", "--check", "--max-lag", "15m")).as(out).isZero();
        assertThat(run("status", "--check", "--max-lag", "PT9M")).isEqualTo(1);
        assertThat(run("status", "--check", "--max-lag", "1h")).isZero();
        assertThat(run("status", "--check", "--max-lag", "90s")).isEqualTo(1);
        assertThat(out).startsWith("PROBLEM: lag 10 min over the bound of 90 s");
    }

    @Test
    void backlogOverItsBoundIsAProblem() throws Exception {
        startALeaderThatCannotReachMongo();
        sql("insert into public.customers(name) select 'Queued ' || g from generate_series(1, 12) g");

        assertThat(run("status", "--check")).as("no backlog bound unless asked").isZero();
        assertThat(run("status", "--check", "--max-backlog", "12")).isZero();
        assertThat(run("status", "--check", "--max-backlog", "11")).isEqualTo(1);
        assertThat(out).startsWith("PROBLEM: backlog 12 over the bound of 11");
        assertThat(run("status", "--check", "--max-backlog", "0")).isEqualTo(1);
    }

    @Test
    void everyProblemFoundIsOnTheOneLine() throws Exception {
        sql("insert into public.customers(name) select 'Queued ' || g from generate_series(1, 3) g",
                "update shoptwin.change_log set changed_at = clock_timestamp() - interval '3 hours'");
        assertThat(run("status", "--check", "--max-backlog", "2")).isEqualTo(1);
        assertThat(out).isEqualTo("PROBLEM: no mirror is running (no console or shoptwin mirror holds the leader lock);"
                + " lag 3 h over the bound of 5 min (3 change(s) waiting); backlog 3 over the bound of 2\n");
    }

    @Test
    void supabaseUnreachableIsAProblem() {
        assertThat(runAgainst("postgresql://postgres:Unreachable-S3cret@127.0.0.1:1/postgres", "status", "--check")).isEqualTo(1);
        assertThat(out).startsWith("PROBLEM: Supabase unreachable: cannot reach Supabase at 127.0.0.1:1/postgres")
                .doesNotContain("Unreachable-S3cret");
        assertThat(out.lines()).hasSize(1);
    }

    @Test
    void badValuesAreRefusedNamingTheOptionWithExitTwo() {
        for (List<String> args : List.of(List.of("--max-lag", "5"), List.of("--max-lag", "-5m"), List.of("--max-lag", "0s"),
                List.of("--max-lag", "five minutes"), List.of("--max-lag", "PT"))) {
            assertThat(run(concat("status", "--check", args))).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err).as(String.join(" ", args)).contains("--max-lag");
        }
        assertThat(run("status", "--check", "--max-backlog", "many")).isEqualTo(2);
        assertThat(err).contains("--max-backlog");
        assertThat(run("status", "--check", "--max-backlog", "-1")).isEqualTo(2);
        assertThat(err).contains("--max-backlog must be 0 or more");
        assertThat(run("status", "--max-lag", "5m")).isEqualTo(2);
        assertThat(err).contains("--max-lag goes with --check");
        assertThat(run("status", "--check", "--json")).isEqualTo(2);
        assertThat(err).contains("--check and --json");
    }

    @Test
    void durationsAreWrittenAsPeopleTypeThem() {
        assertThat(HumanDuration.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(HumanDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(HumanDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(HumanDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(HumanDuration.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(HumanDuration.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(HumanDuration.parse(" pt90s ")).isEqualTo(Duration.ofSeconds(90));
        for (String bad : List.of("", "5", "m", "5 m", "5min", "-PT5M", "0m", "1.5h")) {
            assertThatThrownBy(() -> HumanDuration.parse(bad)).as("'" + bad + "'").isInstanceOf(CommandLine.TypeConversionException.class);
        }
    }

    @Test
    void theVerdictReadsTheReportAlone() {
        StatusReport.Supabase up = new StatusReport.Supabase("PostgreSQL (db)", true, 2L, null, "14");
        StatusReport.Mirror leading = new StatusReport.Mirror(MirrorHealth.State.RUNNING.name(), "shop-server", 4242L, "2026-12-01T08:02:00Z", 2,
                null, null);
        StatusReport fine = new StatusReport(up, new StatusReport.ChangeLog(7L, 3.0), leading, List.of());
        assertThat(StatusCheck.of(fine, Duration.ofMinutes(5), 10L)).isEqualTo(new StatusCheck(true,
                "OK: the mirror on shop-server (pid 4242) leads (running), backlog 7, lag 3 s (bounds: lag 5 min, backlog 10);"
                        + " 2 parked change(s): see shoptwin parked"));
        StatusReport exactlyAtTheBound = new StatusReport(up, new StatusReport.ChangeLog(10L, 300.0), leading, List.of());
        assertThat(StatusCheck.of(exactlyAtTheBound, Duration.ofMinutes(5), 10L).ok()).isTrue();
        StatusReport notMigrated = new StatusReport(new StatusReport.Supabase("PostgreSQL (db)", true, 2L, null, null),
                StatusReport.ChangeLog.UNKNOWN, StatusReport.Mirror.UNKNOWN, List.of());
        assertThat(StatusCheck.of(notMigrated, Duration.ofMinutes(5), null).line()).isEqualTo("PROBLEM: ShopTwin's schema is not in"
                + " PostgreSQL (db): run shoptwin migrate");
    }

    private static String[] concat(String a, String b, List<String> rest) {
        String[] all = new String[2 + rest.size()];
        all[0] = a;
        all[1] = b;
        for (int i = 0; i < rest.size(); i++) {
            all[2 + i] = rest.get(i);
        }
        return all;
    }
}
