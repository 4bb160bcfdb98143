package shoptwin.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

class DemoEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void startsBothDatabasesAndKeepsTheirDataAcrossRestarts() throws Exception {
        List<String> progress = new ArrayList<>();
        int pgPort;
        int mongoPort;
        SampleData.Inserted first;
        try (DemoEnvironment demo = DemoEnvironment.start(dir, progress::add)) {
            pgPort = demo.postgresPort();
            mongoPort = demo.mongoPort();
            assertThat(demo.postgresDirectory()).isEqualTo(dir.resolve("postgres"));
            try (Database db = new Database(demo.postgresSettings())) {
                db.migrate();
                first = SampleData.insertIfEmpty(db.dataSource());
                assertThat(count(db, "customers")).isEqualTo(SampleData.CUSTOMERS);
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select lower('ÉMILE ZOË'), 'Émile' ilike '%émi%'")) {
                    rs.next();
                    // the demo cluster folds case for all of Unicode, so search finds 'Émile' by 'émi'
                    assertThat(rs.getString(1)).isEqualTo("émile zoë");
                    assertThat(rs.getBoolean(2)).isTrue();
                }
            }
            try (MongoClient client = MongoClients.create(demo.mongoSettings().uri())) {
                client.getDatabase(demo.mongoSettings().database()).getCollection("customers")
                        .insertOne(new Document("_id", "kept").append("name", "Kept across restarts"));
            }
        }
        assertThat(progress).isNotEmpty();
        assertThat(first.customers()).isEqualTo(SampleData.CUSTOMERS);
        assertThat(first.payments()).isBetween(1_500, 2_500);

        try (DemoEnvironment demo = DemoEnvironment.start(dir, m -> { })) {
            assertThat(demo.postgresPort()).isEqualTo(pgPort);
            assertThat(demo.mongoPort()).isEqualTo(mongoPort);
            try (Database db = new Database(demo.postgresSettings())) {
                db.migrate();
                assertThat(SampleData.insertIfEmpty(db.dataSource())).isEqualTo(new SampleData.Inserted(0, 0));
                assertThat(count(db, "customers")).isEqualTo(SampleData.CUSTOMERS);
                assertThat(count(db, "payments")).isEqualTo(first.payments());
                assertThat(count(db, "shop")).isEqualTo(1);
            }
            try (MongoClient client = MongoClients.create(demo.mongoSettings().uri())) {
                assertThat(client.getDatabase(demo.mongoSettings().database()).getCollection("customers")
                        .find(new Document("_id", "kept")).first()).isNotNull();
            }
        }
    }

    @Test
    void theOutageDrillStopsAndStartsEachDatabaseOnTheSamePortWithTheSameData() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(dir, m -> { })) {
            MongoSettings mongo = demo.mongoSettings();
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                client.getDatabase(mongo.database()).getCollection("payments").insertOne(new Document("_id", "p1"));
            }
            try (Database db = new Database(demo.postgresSettings())) {
                db.migrate();
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("insert into public.customers(name) values ('Drill')");
                }

                demo.stopPostgres();
                assertThat(demo.isPostgresRunning()).isFalse();
                assertThatThrownBy(() -> count(db, "customers")).isInstanceOf(SQLException.class);

                demo.startPostgres();
                assertThat(demo.isPostgresRunning()).isTrue();
                // the pool may hand out one connection the restart ended before it notices
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                        .until(() -> count(db, "customers"), n -> n == 1);
            }

            demo.stopMongo();
            assertThat(demo.isMongoRunning()).isFalse();
            demo.startMongo();
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                assertThat(client.getDatabase(mongo.database()).getCollection("payments").countDocuments()).isEqualTo(1);
            }
        }
    }

    @Test
    void theDataDirectoryFollowsTheEnvironment() {
        assertThat(DataDirectory.resolve(java.util.Map.of("SHOPTWIN_DATA_DIR", "/srv/st"), null, "/home/u"))
                .isEqualTo(Path.of("/srv/st"));
        assertThat(DataDirectory.resolve(java.util.Map.of("XDG_DATA_HOME", "/home/u/.data"), null, "/home/u"))
                .isEqualTo(Path.of("/home/u/.data/shoptwin"));
        assertThat(DataDirectory.resolve(java.util.Map.of(), null, "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/shoptwin"));
        assertThat(DataDirectory.resolve(java.util.Map.of("SHOPTWIN_DATA_DIR", "/srv/st"), "/tmp/p", "/home/u"))
                .isEqualTo(Path.of("/tmp/p"));
    }

    static long count(Database db, String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from public." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
