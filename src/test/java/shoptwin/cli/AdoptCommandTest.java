package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.testing.Sql;
import shoptwin.testing.TestDatabases;
import shoptwin.testing.WebAppSchema;

/** A shop with a web app's tables, taken over from the command line the way the README says. */
class AdoptCommandTest {
    @TempDir
    Path dir;

    private final PostgresSettings pg = TestDatabases.freshPostgres();
    private final MongoSettings mongo = TestDatabases.freshMongo();
    private final MongoClient client = TestDatabases.mongoClient();
    private String out;
    private String err;

    @AfterEach
    void close() {
        client.close();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = Map.of("SUPABASE_DB_URL", pg.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + pg.user()
                + ":Ad0ptSecret@"), "MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", mongo.database());
        int code = ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        assertThat(out + err).doesNotContain("Ad0ptSecret");
        return code;
    }

    @Test
    void migrateRefusesThenAdoptPlansAppliesAndTheCopyEqualsTheirTablesWithTheirColumns() {
        WebAppSchema.create(pg);
        Map<String, String> before = WebAppSchema.rowChecksums(pg, "public.customers", WebAppSchema.CUSTOMER_COLUMNS);

        assertThat(run("migrate")).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("public.shop and public.customers already exist and ShopTwin did not create them: nothing"
                + " was changed. Run \"shoptwin adopt\" to see what ShopTwin would add to them (\"shoptwin adopt --apply\" does it).");

        assertThat(run("adopt")).as(err).isZero();
        assertThat(out).startsWith("ShopTwin would adopt public.shop and public.customers and create public.payments.")
                .contains("+ column updated_at", "NOT VALID", "Run \"shoptwin adopt --apply\"");
        assertThat(Sql.count(pg, "select count(*) from pg_namespace where nspname = 'shoptwin'")).isZero();

        assertThat(run("adopt", "--apply")).as(out + err).isZero();
        assertThat(out).startsWith("Adopted public.shop and public.customers and created public.payments, in one transaction.")
                .contains("Next: \"shoptwin resync\"");
        assertThat(run("migrate")).isZero();
        assertThat(out).startsWith("Schema is up to date at version " + shoptwin.store.postgres.MigrationNumberingTest.newestVersion());

        assertThat(run("resync")).as(err).isZero();
        assertThat(run("verify")).as(out + err).isZero();
        assertThat(out).contains("equal");

        MongoDatabase copy = client.getDatabase(mongo.database());
        Document vip = copy.getCollection("customers").find(Filters.eq("_id", "00000000-0000-4000-8000-000000000004")).first();
        assertThat(vip).isNotNull();
        assertThat(vip.get("total_due")).isEqualTo(new Decimal128(new BigDecimal("41.00")));
        assertThat(vip).containsKeys("tags", "created_at", "updated_at", "version", "name_sort");
        // their columns with their real types: text[] is an array, a created_at with microseconds keeps them (as text)
        assertThat(vip.getList("tags", String.class)).containsExactly("vip", "wholesale");
        assertThat(vip.get("created_at")).isEqualTo("2025-03-05T09:00:04.124740Z");
        assertThat(vip.get("updated_at")).isInstanceOf(java.util.Date.class);
        assertThat(copy.getCollection("shops").countDocuments()).isEqualTo(1);
        assertThat(WebAppSchema.rowChecksums(pg, "public.customers", WebAppSchema.CUSTOMER_COLUMNS)).isEqualTo(before);

        // the web app keeps writing its own columns by SQL; the mirror follows, verify stays equal
        Sql.run(pg, "update public.customers set total_due = 12.34, tags = array['vip'] where id = '00000000-0000-4000-8000-000000000004'",
                "insert into public.customers (name, total_due) values ('New through the web app', 5.5)");
        assertThat(run("mirror", "--once")).as(err).isZero();
        assertThat(run("verify")).as(out + err).isZero();
        assertThat(copy.getCollection("customers").find(Filters.eq("name", "New through the web app")).first())
                .containsEntry("total_due", new Decimal128(new BigDecimal("5.50")));
        assertThat(copy.getCollection("customers").find(Filters.eq("_id", "00000000-0000-4000-8000-000000000004")).first()
                .getList("tags", String.class)).containsExactly("vip");
    }

    @Test
    void aTableThatCannotBeAdoptedExitsOneAndChangesNothing() {
        Sql.run(pg, "create table public.customers (id bigint generated always as identity primary key, name text)");
        List<String> tablesBefore = Sql.column(pg, "select relname from pg_class where relnamespace = 'public'::regnamespace order by 1");
        assertThat(run("adopt", "--apply")).isEqualTo(1);
        assertThat(out).startsWith("ShopTwin cannot adopt these tables, and nothing has been changed:")
                .contains("x public.customers: its primary key id is bigint; ShopTwin needs a uuid there");
        assertThat(err).contains("nothing was changed");
        assertThat(Sql.column(pg, "select relname from pg_class where relnamespace = 'public'::regnamespace order by 1")).isEqualTo(tablesBefore);
    }
}
