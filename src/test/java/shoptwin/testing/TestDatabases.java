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
 * <p>{@link #freshPostgres()} hands out databases shaped like a Supabase project ({@link SupabaseShape}:
 * its roles, extensions schema, search path and default privileges), connected as the non-superuser
 * owner {@link SupabaseShape#OWNER}, as ShopTwin connects to Supabase. {@link #freshPlainPostgres()} is a
 * bare database as the superuser, for the few tests that need one.
 *
 * <p>Set SHOPTWIN_TEST_PG_URL (jdbc:postgresql://host:port/db, a superuser: the Supabase shape creates
 * roles and installs extensions), SHOPTWIN_TEST_PG_USER and SHOPTWIN_TEST_PG_PASSWORD to use an external
 * PostgreSQL, and SHOPTWIN_TEST_MONGODB_URI to use a real MongoDB instead.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres embeddedPostgres;
    private static MongoServer mongoServer;
    private static String mongoUri;
    private static String supabaseTemplate;

    private TestDatabases() {
    }

    /**
     * A new, empty database shaped like a Supabase project (not migrated), connected as its
     * non-superuser owner {@link SupabaseShape#OWNER}, the way ShopTwin connects to Supabase.
     */
    public static synchronized PostgresSettings freshPostgres() {
        String name = newName();
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password());
             Statement s = c.createStatement()) {
            s.execute("create database " + name + " template " + supabaseTemplate() + " owner " + SupabaseShape.OWNER);
            SupabaseShape.finish(s, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return new PostgresSettings(urlOf(name), SupabaseShape.OWNER, null);
    }

    /**
     * A new, empty, bare PostgreSQL database as the superuser: no Supabase roles, schemas or search
     * path. For tests about a plain PostgreSQL, and the few that need a superuser.
     */
    public static synchronized PostgresSettings freshPlainPostgres() {
        String name = newName();
        try (Connection c = DriverManager.getConnection(adminUrl(), user(), password());
             Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return new PostgresSettings(urlOf(name), user(), password());
    }

    /** The same database as the cluster's superuser: for a test that reshapes it (drops an extension, sets a role's path). */
    public static PostgresSettings asSuperuser(PostgresSettings db) {
        return new PostgresSettings(db.jdbcUrl(), user(), password(), db.properties());
    }

    /** The same database as another login role (say {@code authenticator}, as PostgREST logs in); local trust, no password. */
    public static PostgresSettings as(PostgresSettings db, String role) {
        return new PostgresSettings(db.jdbcUrl(), role, password(), db.properties());
    }

    private static String newName() {
        return "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    private static String urlOf(String database) {
        return adminUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + database);
    }

    /** Built once per JVM: the roles (if missing) and a template database with the per-database shape. */
    private static String supabaseTemplate() throws SQLException {
        if (supabaseTemplate == null) {
            String name = "t" + ProcessHandle.current().pid() + "_supabase_template";
            try (Connection c = DriverManager.getConnection(adminUrl(), user(), password());
                 Statement s = c.createStatement()) {
                SupabaseShape.ensureRoles(c);
                s.execute("create database " + name + " owner " + SupabaseShape.OWNER);
            }
            try (Connection c = DriverManager.getConnection(urlOf(name), user(), password())) {
                SupabaseShape.buildInto(c);
            }
            supabaseTemplate = name;
        }
        return supabaseTemplate;
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
