package shoptwin.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.store.postgres.Database;

/**
 * The two servers every comparison runs against, side by side: one embedded PostgreSQL 17 (zonky)
 * and one mongo-java-server (memory backend) that the real driver reaches over TCP.
 * Each measurement takes fresh databases on both and drops the MongoDB ones when done (memory).
 */
final class BenchEnv implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final MongoServer mongoServer;
    private final String mongoUri;
    private final MongoClient mongo;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<Database> open = new ArrayList<>();

    BenchEnv() throws Exception {
        // zonky's defaults (fsync on, synchronous_commit off, UTC), plus room for the 1.1M-row data set
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .start();
        mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind("127.0.0.1", 0);
        InetSocketAddress address = mongoServer.getLocalAddress();
        mongoUri = "mongodb://127.0.0.1:" + address.getPort();
        mongo = MongoClients.create(mongoUri);
    }

    String mongoUri() {
        return mongoUri;
    }

    MongoClient mongo() {
        return mongo;
    }

    MongoSettings freshMongo(String purpose) {
        return new MongoSettings(mongoUri, "bench_" + purpose + "_" + counter.incrementAndGet());
    }

    MongoDatabase mongoDatabase(MongoSettings settings) {
        return mongo.getDatabase(settings.database());
    }

    void dropMongo(MongoSettings settings) {
        mongo.getDatabase(settings.database()).drop();
    }

    /** A new PostgreSQL database with ShopTwin's schema (every migration on the classpath). */
    Database freshPostgres(String purpose, int poolSize) throws SQLException {
        String name = "bench_" + purpose + "_" + counter.incrementAndGet();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        Database db = new Database(new PostgresSettings(postgres.getJdbcUrl("postgres", name), "postgres", null), Math.max(3, poolSize)); // Flyway holds two
        db.migrate();
        synchronized (open) {
            open.add(db);
        }
        return db;
    }

    PostgresSettings settingsOf(Database db) {
        return db.settings();
    }

    /** The old design had no change capture: the same schema with the capture triggers off. */
    static void disableCapture(Database db) throws SQLException {
        setCapture(db, false);
    }

    static void setCapture(Database db, boolean on) throws SQLException {
        String verb = on ? "enable" : "disable";
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table public.customers " + verb + " trigger customers_capture");
            s.execute("alter table public.payments " + verb + " trigger payments_capture");
            s.execute("alter table public.shop " + verb + " trigger shop_capture");
        }
    }

    static long changeLogSize(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select count(*) from shoptwin.change_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Closes a database's pool and drops it, to keep the server's disk and cache small. */
    void dropPostgres(Database db) {
        String url = db.settings().jdbcUrl();
        String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        db.close();
        synchronized (open) {
            open.remove(db);
        }
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws Exception {
        synchronized (open) {
            open.forEach(Database::close);
        }
        mongo.close();
        mongoServer.shutdownNow();
        postgres.close();
    }
}
