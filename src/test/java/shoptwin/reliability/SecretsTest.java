package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.cli.ShopTwinCommand;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.config.SupabaseUrl;
import shoptwin.domain.CustomerDraft;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorService;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.CapturedOutput;
import shoptwin.testing.RestartableServers;
import shoptwin.testing.TestDatabases;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.settings.ConnectionSettings;
import shoptwin.ui.settings.ConnectionTester;
import shoptwin.ui.settings.SettingsRepository;
import shoptwin.ui.settings.SettingsViewModel;

/**
 * Every command and its error paths, run with passwords in both SUPABASE_DB_URL and MONGODB_URI:
 * the passwords never show in stdout, stderr, the log (as rendered, and as raw events), exception
 * messages, or the console's settings dialog.
 */
class SecretsTest {
    /** The real password of the test server's postgres role; '@' and 'ö' need URL-encoding. */
    static final String PG_PASSWORD = "Pg-S3cret@Wörd-41";
    static final String PG_WRONG = "Wr0ng-Pg-Pass-88";
    static final String MONGO_PASSWORD = "M0ngo-S3cret-Pw-19";
    static final List<String> SECRETS = List.of(PG_PASSWORD, enc(PG_PASSWORD), PG_WRONG, MONGO_PASSWORD);

    static final List<List<String>> COMMANDS = List.of(
            List.of("status"), List.of("status", "--json"), List.of("status", "--verbose"), List.of("migrate"), List.of("adopt"),
            List.of("mirror", "--once", "--timeout", "3"), List.of("resync"), List.of("verify"), List.of("verify", "--json"),
            List.of("verify", "--verbose"), List.of("restore"), List.of("parked"), List.of("parked", "retry", "--all"),
            List.of("--version"), List.of("--help"), List.of("nonsense-command"));

    private static RestartableServers.Postgres pg;
    private static int closedPort;
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void startAPostgresThatWantsAPassword(@TempDir Path dir) throws Exception {
        pg = new RestartableServers.Postgres(dir).start();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("alter role postgres password '" + PG_PASSWORD + "'");
            s.execute("create database shop");
        }
        Path hba = dir.resolve("pgdata").resolve("pg_hba.conf");
        Files.writeString(hba, "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"
                + "local all all scram-sha-256\n");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("select pg_reload_conf()");
        }
        try (Database db = new Database(new PostgresSettings(pg.jdbcUrl("shop"), "postgres", PG_PASSWORD), 2)) {
            db.migrate();
        }
        closedPort = RestartableServers.freePort();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Files.write(dir.resolve("secrets.txt"), REPORT, StandardCharsets.UTF_8);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Each way things can be set up wrong (or right), with passwords in both URLs. */
    static Map<String, Map<String, String>> scenarios() {
        String mongoHost = TestDatabases.mongoUri().replaceFirst("^mongodb://", "");
        Map<String, Map<String, String>> s = new LinkedHashMap<>();
        s.put("both unreachable", env("postgresql://postgres:" + enc(PG_PASSWORD) + "@127.0.0.1:" + closedPort + "/shop",
                "mongodb://shop:" + MONGO_PASSWORD + "@127.0.0.1:" + closedPort + "/shop?serverSelectionTimeoutMS=1500"));
        s.put("wrong PostgreSQL password", env("postgresql://postgres:" + PG_WRONG + "@127.0.0.1:" + pg.port() + "/shop",
                "mongodb://shop:" + MONGO_PASSWORD + "@" + mongoHost + "/shop?serverSelectionTimeoutMS=1500"));
        s.put("right PostgreSQL password, MongoDB refuses the login",
                env("postgresql://postgres:" + enc(PG_PASSWORD) + "@127.0.0.1:" + pg.port() + "/shop",
                        "mongodb://shop:" + MONGO_PASSWORD + "@" + mongoHost + "/shop?serverSelectionTimeoutMS=1500"));
        s.put("JDBC form with password parameter", env("jdbc:postgresql://127.0.0.1:" + closedPort + "/shop?user=postgres&password="
                + enc(PG_PASSWORD), "mongodb://shop:" + MONGO_PASSWORD + "@127.0.0.1:" + closedPort + "/shop"));
        s.put("malformed PostgreSQL URL", env("postgresql://postgres:" + enc(PG_PASSWORD) + "@db.example.com:notaport/postgres",
                "mongodb://shop:" + MONGO_PASSWORD + "@127.0.0.1:" + closedPort + "/shop"));
        s.put("malformed MongoDB URI", env("postgresql://postgres:" + enc(PG_PASSWORD) + "@127.0.0.1:" + pg.port() + "/shop",
                "mongodb://shop:" + MONGO_PASSWORD + "@127.0.0.1:notaport/shop"));
        s.put("password with a raw @", env("postgresql://postgres:" + PG_PASSWORD + "@127.0.0.1:" + closedPort + "/shop",
                "mongodb://shop:" + MONGO_PASSWORD + "@127.0.0.1:" + closedPort + "/shop?serverSelectionTimeoutMS=1500&tls=maybe"));
        return s;
    }

    private static Map<String, String> env(String supabase, String mongo) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("SUPABASE_DB_URL", supabase);
        e.put("MONGODB_URI", mongo);
        return e;
    }

    record Run(String scenario, List<String> command, int exit, String out, String err) {
    }

    @Test
    void noCommandPrintsOrLogsAPasswordWhateverGoesWrong(@TempDir Path empty) throws Exception {
        List<Run> runs = new ArrayList<>();
        try (CapturedOutput captured = new CapturedOutput()) {
            ExecutorService pool = Executors.newFixedThreadPool(24);
            List<Future<Run>> futures = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> scenario : scenarios().entrySet()) {
                for (List<String> command : COMMANDS) {
                    futures.add(pool.submit(() -> run(scenario.getKey(), scenario.getValue(), command, empty)));
                }
            }
            for (Future<Run> f : futures) {
                runs.add(f.get(3, TimeUnit.MINUTES));
            }
            pool.shutdown();

            for (Run r : runs) {
                String where = r.scenario() + " / shoptwin " + String.join(" ", r.command());
                REPORT.add(where + " -> exit " + r.exit() + ": " + firstLine(r.err()));
                assertNoSecret(where + " stdout", r.out());
                assertNoSecret(where + " stderr", r.err());
            }
            assertNoSecret("the log as rendered", captured.renderedLog());
            assertNoSecret("System.out", captured.stdout());
            assertNoSecret("System.err", captured.stderr());
            for (String event : captured.rawLogEvents()) {
                assertNoSecret("a raw log event, before masking", event);
            }
        }
        // the failures are failures, and they say which setting or server is at fault
        assertThat(runs).filteredOn(r -> r.scenario().startsWith("malformed") && !r.command().get(0).startsWith("-")
                        && !r.command().get(0).equals("nonsense-command"))
                .allSatisfy(r -> {
                    assertThat(r.exit()).isNotZero();
                    assertThat(r.err()).containsAnyOf("SUPABASE_DB_URL", "MONGODB_URI");
                });
        assertThat(runs).filteredOn(r -> r.scenario().equals("both unreachable") && r.command().equals(List.of("status")))
                .singleElement().satisfies(r -> assertThat(r.exit()).isNotZero());
    }

    private static Run run(String scenario, Map<String, String> env, List<String> command, Path empty) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ShopTwinCommand.run(() -> Settings.load(env, empty, empty.resolve("config")), new PrintWriter(out, true),
                new PrintWriter(err, true), command.toArray(String[]::new));
        return new Run(scenario, command, exit, out.toString(), err.toString());
    }

    @Test
    void exceptionsFromTheStoreTheMirrorAndMigrationsCarryNoPassword() {
        SupabaseUrl.Parsed wrong = SupabaseUrl.parse("postgresql://postgres:" + PG_WRONG + "@127.0.0.1:" + pg.port() + "/shop");
        try (Database db = new Database(wrong.settings(), 1); PostgresShopStore store = new PostgresShopStore(db)) {
            // each waits out the pool's connection timeout: in parallel
            var shop = java.util.concurrent.CompletableFuture.supplyAsync(() -> caught(store::getShop));
            var create = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> caught(() -> store.createCustomer(new CustomerDraft("Asha", null, null, null, null))));
            var migrate = java.util.concurrent.CompletableFuture.supplyAsync(() -> caught(db::migrate));
            assertNoSecretInChain("store.getShop with a wrong password", shop.join());
            assertNoSecretInChain("store.createCustomer with a wrong password", create.join());
            assertNoSecretInChain("migrate with a wrong password", migrate.join());
            assertNoSecret("Database.describe", db.describe());
        }
        // a malformed setting is refused naming the setting, without echoing the password
        Throwable badMongo = caught(() -> Settings.load(Map.of("MONGODB_URI", "mongodb://shop:" + MONGO_PASSWORD
                + "@127.0.0.1:notaport/shop"), pg.dataDir(), pg.dataDir()));
        assertThat(badMongo.getMessage()).startsWith("MONGODB_URI");
        assertNoSecretInChain("a malformed MONGODB_URI", badMongo);
        SupabaseUrl.Parsed right = SupabaseUrl.parse("postgresql://postgres:" + enc(PG_PASSWORD) + "@127.0.0.1:" + pg.port() + "/shop");
        MongoSettings mongo = new MongoSettings(TestDatabases.mongoUri().replaceFirst("^mongodb://",
                "mongodb://shop:" + MONGO_PASSWORD + "@") + "/?serverSelectionTimeoutMS=1500", "shop");
        try (Database db = new Database(right.settings(), 2)) {
            try (PostgresShopStore store = new PostgresShopStore(db, false)) {
                store.createCustomer(new CustomerDraft("Asha", null, null, null, null));
            }
            try (MirrorService mirror = MirrorService.builder().database(db).mongo(mongo)
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(200)).build()) {
                assertThat(mirror.runUntilDrained(Duration.ofSeconds(4))).as("MongoDB refuses the login").isFalse();
                MirrorHealth health = mirror.health();
                assertThat(health.recentErrors()).isNotEmpty();
                for (MirrorHealth.MirrorError e : health.recentErrors()) {
                    assertNoSecret("mirror health error", e.message());
                }
                assertNoSecret("health summary", health.summary());
            }
        }
        assertNoSecret("PostgresSettings.toString", right.settings().toString());
        assertNoSecret("MongoSettings.toString", mongo.toString());
        assertNoSecret("MongoSettings.describe", mongo.describe());
        assertNoSecret("Settings.toString", Settings.load(Map.of("SUPABASE_DB_URL", "postgresql://postgres:" + enc(PG_PASSWORD)
                + "@db.abc.supabase.co:5432/postgres", "MONGODB_URI", mongo.uri()), pg.dataDir(), pg.dataDir()).toString());
    }

    @Test
    void theSettingsDialogNeverShowsAPasswordEvenWhenADriverEchoesIt() {
        String url = "postgresql://postgres:" + enc(PG_PASSWORD) + "@db.abc.supabase.co:5432/postgres";
        String mongoUri = "mongodb+srv://shop:" + MONGO_PASSWORD + "@cluster0.abcde.mongodb.net/shop";
        // a driver that puts everything it was given into its error message: the worst case
        ConnectionTester leaky = new ConnectionTester() {
            @Override
            public Result testSupabase(String u, String password) {
                throw new IllegalStateException("FATAL: connect to " + u + " failed for password '" + password
                        + "' (" + PG_PASSWORD + ")");
            }

            @Override
            public Result testMongo(String uri, String database) {
                return Result.failed("Exception authenticating " + uri + " with password " + MONGO_PASSWORD);
            }
        };
        SettingsRepository repo = new SettingsRepository() {
            ConnectionSettings saved = new ConnectionSettings(url, "", mongoUri, "shop");

            @Override
            public ConnectionSettings load() {
                return saved;
            }

            @Override
            public void save(ConnectionSettings settings) {
                throw new IllegalStateException("cannot write settings for " + settings.supabaseUrl() + " / "
                        + settings.mongoUri());
            }
        };
        SettingsViewModel vm = new SettingsViewModel(repo, leaky, new SameThreadUiExecutor());
        vm.load();
        assertNoSecret("the URL field", vm.supabaseUrlProperty().get());
        assertNoSecret("the MongoDB URI field", vm.mongoUriProperty().get());
        vm.testSupabase();
        vm.testMongo();
        vm.save(() -> { });
        REPORT.add("settings dialog / test Supabase -> " + vm.supabaseResultProperty().get());
        REPORT.add("settings dialog / test MongoDB -> " + vm.mongoResultProperty().get());
        REPORT.add("settings dialog / save -> " + vm.errorProperty().get());
        assertThat(vm.supabaseResultProperty().get()).isNotBlank();
        assertNoSecret("Supabase test result", vm.supabaseResultProperty().get());
        assertNoSecret("MongoDB test result", vm.mongoResultProperty().get());
        assertNoSecret("save error", vm.errorProperty().get());
        assertNoSecret("ConnectionSettings.toString", new ConnectionSettings(url, PG_PASSWORD, mongoUri, "shop").toString());
        // the status screen's error list, given an error text that quotes a URL with its password
        String line = shoptwin.ui.status.StatusFormat.error(new shoptwin.mirror.MirrorHealth.MirrorError(java.time.Instant.now(),
                "MongoDB: cannot reach " + mongoUri), java.time.Instant.now(), java.time.ZoneOffset.UTC);
        REPORT.add("status screen / error line -> " + line);
        assertNoSecret("status screen error line", line);
    }

    // ------------------------------------------------------------------ plumbing

    private static Throwable caught(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }

    private static void assertNoSecretInChain(String where, Throwable t) {
        REPORT.add(where + " -> " + t.getClass().getSimpleName() + ": " + t.getMessage());
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertNoSecret(where + " (" + c.getClass().getSimpleName() + ")", c.getMessage());
            assertNoSecret(where + " (" + c.getClass().getSimpleName() + ")", c.toString());
        }
    }

    static void assertNoSecret(String where, String text) {
        if (text == null) {
            return;
        }
        for (String secret : SECRETS) {
            assertThat(text).as("%s must not contain a password", where).doesNotContain(secret);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
