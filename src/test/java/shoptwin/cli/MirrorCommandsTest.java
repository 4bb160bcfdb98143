package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

class MirrorCommandsTest {
    @TempDir
    Path dir;

    private PostgresSettings pg;
    private MongoSettings mongoSettings;
    private Database db;
    private MongoClient client;
    private MongoDatabase mongo;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        pg = TestDatabases.freshPostgres();
        mongoSettings = TestDatabases.freshMongo();
        db = new Database(pg);
        client = TestDatabases.mongoClient();
        mongo = client.getDatabase(mongoSettings.database());
        assertThat(run("migrate")).isZero();
    }

    @AfterEach
    void tearDown() {
        client.close();
        db.close();
    }

    private int run(String... args) {
        return runWithMongo(mongoSettings.uri(), args);
    }

    private int runWithMongo(String mongoUri, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = Map.of("SUPABASE_DB_URL", pg.jdbcUrl() + "?user=" + pg.user(),
                "MONGODB_URI", mongoUri, "MONGODB_DATABASE", mongoSettings.database());
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

    private long backlog() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from shoptwin.change_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void mirrorOnceVerifyResyncRestoreParkedAndStatusWorkFromTheCommandLine() throws Exception {
        sql("insert into public.shop(name) values ('CLI shop')",
                "insert into public.customers(name, email) select 'Cli ' || g, 'cli' || g || '@example.com' from generate_series(1, 30) g");

        assertThat(run("mirror", "--once")).as(err).isZero();
        assertThat(out).contains("drained");
        assertThat(backlog()).isZero();
        assertThat(mongo.getCollection("customers").countDocuments()).isEqualTo(30);

        assertThat(run("verify")).as(out + err).isZero();
        assertThat(out).contains("equal");

        mongo.getCollection("customers").updateOne(Filters.eq("name", "Cli 7"), Updates.set("email", "wrong@example.com"));
        assertThat(run("verify", "--json")).isEqualTo(3);
        assertThat(out).contains("\"equal\" : false").contains("\"different\" : 1");

        assertThat(run("resync")).as(err).isZero();
        assertThat(err).contains("resync customers").contains("30/30");
        assertThat(run("verify")).isZero();

        assertThat(run("restore")).isEqualTo(1);
        assertThat(err).contains("refuses to overwrite a non-empty database");
        assertThat(run("restore", "--force")).as(err).isZero();
        assertThat(out).contains("30 row(s) restored");

        // a parked change, listed and retried
        assertThat(run("mirror", "--once")).isZero();
        mongo.getCollection("customers").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        sql("insert into public.customers(name, email) values ('Dup', 'cli1@example.com')");
        assertThat(run("mirror", "--once")).isZero();
        assertThat(run("parked")).isZero();
        assertThat(out).contains("customers INSERT").contains("E11000");
        assertThat(run("status")).isZero();
        assertThat(out).contains("Mirror:").contains("1 parked change(s)");
        mongo.getCollection("customers").dropIndex(Indexes.ascending("email"));
        assertThat(run("parked", "retry")).isEqualTo(2);
        assertThat(run("parked", "retry", "--all")).isZero();
        assertThat(out).contains("1 parked change(s) returned");
        assertThat(run("mirror", "--once")).isZero();
        assertThat(run("verify")).isZero();

        assertThat(run("status", "--json")).isZero();
        assertThat(out).contains("\"mirror\"").contains("\"state\" : \"STOPPED\"");
    }

    @Test
    void mirrorOnceExitsOneAndKeepsTheBacklogWhenMongoIsUnreachable() throws Exception {
        sql("insert into public.customers(name) values ('Waiting')");
        assertThat(runWithMongo("mongodb://127.0.0.1:1", "mirror", "--once", "--timeout", "3")).isEqualTo(1);
        assertThat(err).contains("Could not drain").contains("1 change(s) stay");
        assertThat(backlog()).isEqualTo(1);
    }
}
