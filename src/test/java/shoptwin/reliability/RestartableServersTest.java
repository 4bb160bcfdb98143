package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.testing.RestartableServers;

/** The campaign's servers keep their data and port across a stop and a start. */
class RestartableServersTest {

    @Test
    void mongoKeepsItsDocumentsAcrossARestart(@TempDir Path dir) {
        try (RestartableServers.Mongo mongo = new RestartableServers.Mongo(dir).start()) {
            try (MongoClient c = MongoClients.create(mongo.uri())) {
                c.getDatabase("d").getCollection("c").insertOne(new Document("_id", "kept"));
            }
            mongo.stop();
            mongo.start();
            try (MongoClient c = MongoClients.create(mongo.uri())) {
                assertThat(c.getDatabase("d").getCollection("c").countDocuments()).isEqualTo(1);
            }
            assertThat(mongo.starts()).isEqualTo(2);
        }
    }

    @Test
    void postgresKeepsItsRowsAcrossARestart(@TempDir Path dir) throws Exception {
        try (RestartableServers.Postgres pg = new RestartableServers.Postgres(dir).start()) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", null);
                 Statement s = c.createStatement()) {
                s.execute("create table kept (id int)");
                s.execute("insert into kept values (1)");
            }
            pg.stop();
            pg.start();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", null);
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
