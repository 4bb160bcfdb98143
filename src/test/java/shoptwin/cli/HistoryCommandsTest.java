package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;

/** {@code shoptwin history}, {@code shoptwin undelete} and {@code shoptwin restore --as-of} on a real database and copy. */
class HistoryCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d";

    @TempDir
    Path dir;

    private PostgresSettings pg;
    private MongoSettings mongo;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        pg = TestDatabases.freshPostgres();
        mongo = TestDatabases.freshMongo();
        assertThat(run("migrate")).isZero();
    }

    private int run(String... args) {
        return runAs(Map.of(), args);
    }

    private int runAs(Map<String, String> extra, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = new HashMap<>(Map.of("SUPABASE_DB_URL", pg.jdbcUrl() + "?user=" + pg.user(),
                "MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", mongo.database()));
        env.putAll(extra);
        int code = ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private void mirror() {
        assertThat(run("mirror", "--once")).as(err).isZero();
    }

    @Test
    void historyPrintsEveryVersionOldestFirstAndAsJson() throws Exception {
        mirror(); // a new shop's first mirror: the history is complete from here
        Sql.run(pg, "insert into public.customers (id, name, phone) values ('" + ID + "', 'Asha', '111111')",
                "update public.customers set phone = '222222' where id = '" + ID + "'",
                "update public.customers set name = 'Asha Rao', notes = 'regular' where id = '" + ID + "'");
        mirror();

        assertThat(run("history", "customers", ID)).isZero();
        assertThat(out).contains("v1   insert", "v2   update", "v3   update", "phone: 111111 -> 222222", "name: Asha -> Asha Rao",
                "notes: (empty) -> regular", "PostgreSQL JDBC Driver (project_owner)");
        assertThat(out.indexOf("v1 ")).isLessThan(out.indexOf("v3 "));

        assertThat(run("history", "customers", ID, "--json")).isZero();
        JsonNode versions = JSON.readTree(out);
        assertThat(versions).hasSize(3);
        JsonNode last = versions.get(2);
        assertThat(last.get("version").asLong()).isEqualTo(3);
        assertThat(last.get("op").asText()).isEqualTo("update");
        assertThat(Instant.parse(last.get("changed_at").asText())).isBefore(Instant.now());
        assertThat(last.get("actor").asText()).isEqualTo("PostgreSQL JDBC Driver (project_owner)");
        assertThat(last.get("row").get("_id").asText()).isEqualTo(ID);
        assertThat(last.get("row").get("name").asText()).isEqualTo("Asha Rao");
        assertThat(last.get("row").get("created_at").asText()).endsWith("Z");
        assertThat(last.get("changes").findValuesAsText("field")).containsExactly("name", "notes");
    }

    @Test
    void undeleteBringsACustomerBackWithTheirPaymentsAndNamesWhoDidIt() throws Exception {
        mirror();
        Sql.run(pg, "insert into public.customers (id, name) values ('" + ID + "', 'Ravi Kumar')",
                "insert into public.payments (customer_id, amount, method) values ('" + ID + "', 10.50, 'cash'), ('" + ID + "', 3.25, 'upi')");
        mirror();
        Sql.run(pg, "delete from public.customers where id = '" + ID + "'");
        mirror();

        assertThat(runAs(Map.of("SHOPTWIN_STAFF_NAME", "Asha"), "undelete", "customers", ID)).as(err).isZero();
        assertThat(out).contains("Restored Ravi Kumar and their 2 payments.");
        assertThat(Sql.column(pg, "select amount::text from public.payments")).containsExactlyInAnyOrder("3.25", "10.50");
        assertThat(Sql.one(pg, "select actor->>'staff' || ' ' || (actor->>'via') from shoptwin.change_log order by id limit 1"))
                .isEqualTo("Asha command line");

        assertThat(run("undelete", "customers", ID)).isEqualTo(1);
        assertThat(err).contains("exists: there is nothing to restore");
    }

    @Test
    void restoreAsOfShowsWhatItWouldDoThenDoesIt() throws Exception {
        mirror();
        Sql.run(pg, "insert into public.customers (id, name) values ('" + ID + "', 'Kofi')");
        mirror();
        Instant moment = Instant.now();
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(10)).until(() -> true);
        Sql.run(pg, "update public.customers set name = 'Wrong' where true", "insert into public.customers (name) values ('Later')");
        mirror();

        assertThat(run("restore", "--as-of", moment.toString(), "--dry-run")).as(err).isZero();
        assertThat(out).contains("dry run, nothing was written", "customers 1 row(s) at that moment: 0 to recreate, 1 to change back, 1 to remove");
        assertThat(Sql.count(pg, "select count(*) from public.customers")).isEqualTo(2);

        assertThat(run("restore", "--as-of", moment.toString(), "--force")).as(err).isZero();
        assertThat(Sql.column(pg, "select name from public.customers")).containsExactly("Kofi");
        mirror();
        assertThat(run("verify")).isZero();
    }

    @Test
    void restoreAsOfIntoANewProjectThenAResyncMakesTheCopyMatchIt() throws Exception {
        mirror();
        Sql.run(pg, "insert into public.customers (id, name) values ('" + ID + "', 'Kofi')",
                "insert into public.payments (customer_id, amount, method) values ('" + ID + "', 12.50, 'cash')");
        mirror();
        Instant moment = Instant.now();
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(10)).until(() -> true);
        Sql.run(pg, "update public.customers set name = 'Wrong' where true", "insert into public.customers (name) values ('Later')");
        mirror();

        PostgresSettings newProject = TestDatabases.freshPostgres();
        Map<String, String> there = Map.of("SUPABASE_DB_URL", newProject.jdbcUrl() + "?user=" + newProject.user());
        assertThat(runAs(there, "migrate")).as(err).isZero();
        assertThat(runAs(there, "restore", "--as-of", moment.toString())).as(err).isZero();
        assertThat(out).contains("into the empty database", "customers 1 row(s) at that moment", "payments  1 row(s) at that moment",
                "run `shoptwin resync --rebase`");
        assertThat(Sql.column(newProject, "select name from public.customers")).containsExactly("Kofi");
        assertThat(Sql.column(newProject, "select total_paid::text from shoptwin.customer_totals")).containsExactly("12.50");
        assertThat(runAs(there, "resync", "--rebase")).as(err).isZero();
        assertThat(runAs(there, "verify")).as(out + err).isZero();
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() {
        assertThat(run("history", "orders", ID)).isEqualTo(2);
        assertThat(err).contains("TABLE: 'orders' is not one of customers, payments or shop.");
        assertThat(run("history", "customers", "42")).isEqualTo(2);
        assertThat(err).contains("ID: '42' is not a row's id");
        assertThat(run("undelete", "shop", ID)).isEqualTo(2);
        assertThat(err).contains("TABLE: 'shop' is not one of customers or payments.");
        assertThat(run("restore", "--as-of", "last tuesday")).isEqualTo(2);
        assertThat(err).contains("--as-of: 'last tuesday' is not a moment");
        assertThat(run("restore", "--as-of", "2999-01-01T00:00:00Z")).isEqualTo(2);
        assertThat(err).contains("--as-of: 2999-01-01T00:00:00Z is in the future.");
        assertThat(run("restore", "--as-of", "2026-01-01", "--exact")).isEqualTo(2);
        assertThat(Sql.count(pg, "select count(*) from public.customers")).as("nothing written").isZero();
    }

    @Test
    void aMomentBeforeTheHistoryIsRefusedWithTheEarliest() {
        mirror();
        assertThat(run("restore", "--as-of", "2020-01-01T00:00:00Z", "--dry-run")).isEqualTo(1);
        assertThat(err).contains("2020-01-01T00:00:00Z cannot be restored. The earliest moment that can be restored is 20");
        assertThat(List.of(err.split("\n"))).hasSize(1);
    }
}
