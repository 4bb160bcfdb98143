package shoptwin.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;

/**
 * Real databases for tests, started once per JVM and shared: an embedded PostgreSQL 17 (zonky)
 * and a MongoDB-wire server (mongo-java-server, memory backend) reached over TCP by the real driver.
 * Each test asks for a fresh, empty database on each side.
 *
 * <p>Set SHOPTWIN_TEST_PG_URL (jdbc:postgresql://host:port/db, a superuser or a role that can
 * CREATE DATABASE), SHOPTWIN_TEST_PG_USER and SHOPTWIN_TEST_PG_PASSWORD to use an external
 * PostgreSQL, and SHOPTWIN_TEST_MONGODB_URI to use a real MongoDB instead.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embeddedPostgres;
    private static MongoServer mongoServer;
    private static String mongoUri;

    private TestDatabases() {
    }

    /** A new, empty PostgreSQL database (not migrated). */
    public static synchronized PostgresSettings freshPostgres() {
        String adminUrl = adminUrl();
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl, user(), password());
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        String url = adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name);
        return new PostgresSettings(url, user(), password());
    }

    /** A new, empty MongoDB database on the shared server. */
    public static synchronized MongoSettings freshMongo() {
        return new MongoSettings(mongoUri(), "shoptwin_test_" + COUNTER.incrementAndGet());
    }

    public static synchronized String mongoUri() {
        String external = System.getenv("SHOPTWIN_TEST_MONGODB_URI");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (mongoServer == null) {
            mongoServer = new MongoServer(new MemoryBackend());
            InetSocketAddress address = mongoServer.bind();
            mongoUri = "mongodb://127.0.0.1:" + address.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(mongoServer::shutdownNow));
        }
        return mongoUri;
    }

    public static MongoClient mongoClient() {
        return MongoClients.create(mongoUri());
    }

    /** The shared embedded PostgreSQL, for tests that stop and start it themselves use their own. */
    public static synchronized EmbeddedPostgres embeddedPostgres() {
        if (embeddedPostgres == null) {
            try {
                embeddedPostgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embeddedPostgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp directory goes with it
                }
            }));
        }
        return embeddedPostgres;
    }

    private static String adminUrl() {
        String external = System.getenv("SHOPTWIN_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        return embeddedPostgres().getJdbcUrl("postgres", "postgres");
    }

    private static String user() {
        String external = System.getenv("SHOPTWIN_TEST_PG_URL");
        return external != null && !external.isBlank() ? System.getenv("SHOPTWIN_TEST_PG_USER") : "postgres";
    }

    private static String password() {
        String external = System.getenv("SHOPTWIN_TEST_PG_URL");
        return external != null && !external.isBlank() ? System.getenv("SHOPTWIN_TEST_PG_PASSWORD") : null;
    }
}
