package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

class ShopTwinCommandTest {
    private static final String SECRET = "CliS3cretPassw0rd";
    private static final String REFUSED_URL = "postgresql://postgres.abcdefgh:" + SECRET + "@127.0.0.1:1/postgres?sslmode=disable";

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Supplier<Settings> settings = () -> Settings.load(env, dir, dir);
        int code = ShopTwinCommand.run(settings, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    /** A fresh embedded database as SUPABASE_DB_URL, in the dashboard's form, with a password (ignored by trust auth). */
    private static String freshDatabaseUrl() {
        PostgresSettings pg = TestDatabases.freshPostgres();
        return pg.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + pg.user() + ":" + SECRET + "@");
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Result r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("migrate", "status", "--verbose", "--version");
    }

    @Test
    void versionIsTheProjectVersion() {
        Result r = run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("shoptwin 1.0.0");
    }

    @Test
    void usageMistakesExitTwo() {
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(run("status", "--no-such-option").exitCode()).isEqualTo(2);
        assertThat(run("--verbose").exitCode()).isEqualTo(2);
        assertThat(run("help", "status").exitCode()).isZero();
    }

    @Test
    void unreachableSupabaseIsOneMaskedLineAndExitOne() {
        for (String command : new String[] {"status", "migrate"}) {
            Result r = run(Map.of("SUPABASE_DB_URL", REFUSED_URL), command);
            assertThat(r.exitCode()).as(command).isEqualTo(1);
            assertThat(r.err().strip().lines()).as(command)
                    .containsExactly("cannot reach Supabase at 127.0.0.1:1/postgres: connection refused");
            assertThat(r.all()).as(command).doesNotContain(SECRET);
        }
    }

    @Test
    void mirrorCommandsSayPlainlyThatADatabaseCannotBeReached() {
        for (String command : new String[] {"verify", "resync", "restore", "parked"}) {
            Result r = run(Map.of("SUPABASE_DB_URL", REFUSED_URL, "MONGODB_URI", "mongodb://shop:" + SECRET + "@127.0.0.1:2/?serverSelectionTimeoutMS=500"),
                    command);
            assertThat(r.exitCode()).as(command).isEqualTo(1);
            assertThat(r.err().strip().lines()).as(command).hasSize(1);
            assertThat(r.err().strip()).as(command).startsWith("cannot reach ").doesNotContain("Exception");
            assertThat(r.all()).as(command).doesNotContain(SECRET);
        }
    }

    @Test
    void verboseAddsAMaskedStackTrace() {
        Result r = run(Map.of("SUPABASE_DB_URL", REFUSED_URL), "migrate", "--verbose");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().findFirst()).contains("cannot reach Supabase at 127.0.0.1:1/postgres: connection refused");
        assertThat(r.err()).contains("StoreUnavailableException", "\tat ");
        assertThat(r.all()).doesNotContain(SECRET);
    }

    @Test
    void missingOrMalformedUrlIsOneLineNamingTheSetting() {
        Result missing = run("status");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip().lines()).singleElement().asString().startsWith("SUPABASE_DB_URL is not set");

        Result malformed = run(Map.of("SUPABASE_DB_URL", "postgresql://postgres:" + SECRET + "@db.x.supabase.co:port/postgres"), "status");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err().strip().lines()).singleElement().asString().startsWith("SUPABASE_DB_URL has an invalid port");
        assertThat(malformed.all()).doesNotContain(SECRET);
    }

    @Test
    void migrateThenStatusReportTheSchemaAndTheBacklog() throws Exception {
        Map<String, String> env = Map.of("SUPABASE_DB_URL", freshDatabaseUrl());

        Result first = run(env, "migrate");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Applied ").contains("migrations; schema is now at version");
        Result second = run(env, "migrate");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).startsWith("Schema is up to date at version").contains("Nothing applied");

        Result text = run(env, "status");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("reachable, round trip", "schema version", "Change log:  empty");
        assertThat(text.all()).doesNotContain(SECRET);

        try (Database db = new Database(shoptwin.config.SupabaseUrl.parse(env.get("SUPABASE_DB_URL")).settings(), 1);
             var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("insert into public.customers (name) values ('Waiting for the mirror')");
        }
        Result json = run(env, "status", "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.at("/supabase/reachable").asBoolean()).isTrue();
        assertThat(report.at("/supabase/schemaVersion").asText()).isNotBlank();
        assertThat(report.at("/supabase/roundTripMillis").isNumber()).isTrue();
        assertThat(report.at("/changeLog/backlog").asLong()).isEqualTo(1);
        assertThat(report.at("/changeLog/oldestPendingSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(json.all()).doesNotContain(SECRET);
    }

    @Test
    void statusOnAnUnmigratedDatabaseSaysSo() {
        Result r = run(Map.of("SUPABASE_DB_URL", freshDatabaseUrl()), "status");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("not migrated", "shoptwin migrate");
    }

    @Test
    void transactionPoolerWarningIsPrintedOnStderr() {
        Result r = run(Map.of("SUPABASE_DB_URL", "postgresql://postgres.ref:" + SECRET + "@127.0.0.1:6543/postgres"), "status");
        assertThat(r.err()).contains("warning: SUPABASE_DB_URL uses port 6543");
        assertThat(r.all()).doesNotContain(SECRET);
    }
}
