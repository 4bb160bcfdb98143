package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import shoptwin.cli.ShopTwinCommand;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

/**
 * Malformed settings through the command line: each is refused with exit code 1 and one line on
 * stderr naming the setting, nothing reaches the database, and the next run with good settings works.
 */
class BadSettingsCliTest {
    private static final List<String> COMMANDS = List.of("status", "verify", "mirror --once --timeout 5", "resync", "migrate", "adopt",
            "parked", "restore");
    private static PostgresSettings pg;
    private static MongoSettings mongo;
    private static Map<String, String> good;
    private static final List<String> REPORT = new ArrayList<>();
    @TempDir
    static Path dir;

    @BeforeAll
    static void goodSettings() {
        pg = TestDatabases.freshPostgres();
        try (Database db = new Database(pg, 2)) {
            db.migrate();
        }
        mongo = TestDatabases.freshMongo();
        good = Map.of("SUPABASE_DB_URL", pg.jdbcUrl().replace("jdbc:", "") .replace("postgresql://", "postgresql://" + pg.user() + "@"),
                "MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", mongo.database());
    }

    @AfterAll
    static void record() throws IOException {
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        REPORT.add(0, "bad settings tried through the command line: " + REPORT.size() + ", all refused naming the setting");
        Files.write(out.resolve("bad-input-cli.txt"), REPORT, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> badSettings() {
        String[][] cases = {
                {"SUPABASE_DB_URL", "http://db.abc.supabase.co:5432/postgres"},
                {"SUPABASE_DB_URL", "mongodb://localhost:27017/shop"},
                {"SUPABASE_DB_URL", "postgresql://postgres:[YOUR-PASSWORD]@db.abc.supabase.co:5432/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@db.abc.supabase.co:99999/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@db.abc.supabase.co:abc/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@:5432/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@db one.supabase.co:5432/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@h1.example.com,h2.example.com:5432/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@[::1:5432/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@db.abc.supabase.co:5432/a/b"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@db'; drop table customers; --:5432/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@{\"$gt\":\"\"}:5432/postgres"},
                {"SUPABASE_DB_URL", "postgresql://postgres:pw@db.abc.supabase.co:5432/post\u0000gres"},
                {"MONGODB_URI", "http://localhost:27017"},
                {"MONGODB_URI", "mongodb://"},
                {"MONGODB_URI", "mongodb://user:pw@/shop"},
                {"MONGODB_URI", "mongodb://localhost:notaport/shop"},
                {"MONGODB_URI", "mongodb://localhost:27017/shop?tls=maybe"},
                {"MONGODB_URI", "mongodb://localhost:27017/shop?tls=true&tlsCAFile=/nowhere/ca.pem"},
                {"MONGODB_URI", "mongodb://localhost:27017/{\"$gt\":\"\"}"},
                {"MONGODB_URI", "mongodb://localhost:27017/$where"},
                {"MONGODB_URI", "mongodb+srv://cluster0.abcde.mongodb.net:27017/shop"},
                {"MONGODB_URI", "mongodb://localhost:27017/shop?authMechanism=NOPE"},
                {"MONGODB_DATABASE", "shop management"},
                {"MONGODB_DATABASE", "../admin"},
                {"MONGODB_DATABASE", "$where"},
                {"MONGODB_DATABASE", "x".repeat(64)},
        };
        List<Arguments> args = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            args.add(Arguments.of(cases[i][0], cases[i][1], COMMANDS.get(i % COMMANDS.size())));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}={1} with shoptwin {2}")
    @MethodSource("badSettings")
    void aMalformedSettingIsRefusedNamingItAndNothingIsWritten(String setting, String value, String command) throws SQLException {
        long before = changes();
        Map<String, String> env = new HashMap<>(good);
        env.put(setting, value);
        if (setting.equals("MONGODB_URI")) {
            env.remove("MONGODB_DATABASE"); // else it would override the database named in the URI
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = run(env, command, out, err);
        assertThat(exit).as("exit code of %s: %s", command, err).isEqualTo(1);
        String firstLine = err.toString().strip().lines().findFirst().orElse("");
        assertThat(firstLine).as("the message names the setting").contains(setting);
        assertThat(firstLine).as("one readable line, no stack trace").doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
        assertThat(changes()).as("nothing reached the database").isEqualTo(before);
        REPORT.add(setting + "=" + value.replace("\u0000", "\\u0000") + " / shoptwin " + command + " -> " + firstLine);

        // and with the setting fixed, the same command works
        int ok = run(good, "status", new StringWriter(), new StringWriter());
        assertThat(ok).isZero();
    }

    private static int run(Map<String, String> env, String command, StringWriter out, StringWriter err) {
        return ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(out, true),
                new PrintWriter(err, true), command.split(" "));
    }

    private static long changes() throws SQLException {
        try (Database db = new Database(pg, 1); Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select (select count(*) from shoptwin.change_log) + (select count(*) from public.customers)"
                     + " + (select count(*) from shoptwin.flyway_schema_history)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
