package shoptwin.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import shoptwin.config.PostgresSettings;
import shoptwin.config.SupabaseUrl;
import shoptwin.store.StoreException;

/**
 * The primary database: a HikariCP pool for ordinary work, Flyway for the schema, and separate
 * long-lived session connections for what is session state (LISTEN, the mirror's advisory lock),
 * which must not come from a pool.
 */
public final class Database implements AutoCloseable {
    public static final String SCHEMA = "shoptwin";
    private static final int PING_TIMEOUT_SECONDS = 3;

    private final PostgresSettings settings;
    private final HikariDataSource pool;

    public Database(PostgresSettings settings, int maxPoolSize) {
        this(settings, maxPoolSize, Duration.ofSeconds(5));
    }

    /**
     * @param connectionTimeout how long a caller waits for a connection before the store reports
     *     Supabase unreachable (at least 250 ms)
     */
    public Database(PostgresSettings settings, int maxPoolSize, Duration connectionTimeout) {
        this.settings = settings;
        HikariConfig config = new HikariConfig();
        config.setPoolName("shoptwin-pg");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        // Flyway holds two connections at once (its history table and the migration): fewer deadlocks it
        config.setMaximumPoolSize(Math.max(2, maxPoolSize));
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(2_000, connectionTimeout.toMillis())));
        // start without a connection: the console must open even when Supabase is down
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "ShopTwin");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // the URL's own parameters (sslmode, prepareThreshold, connectTimeout...) win over our defaults
        settings.properties().forEach(config::addDataSourceProperty);
        this.pool = new HikariDataSource(config);
    }

    public Database(PostgresSettings settings) {
        this(settings, 8);
    }

    public DataSource dataSource() {
        return pool;
    }

    public PostgresSettings settings() {
        return settings;
    }

    /**
     * Applies pending migrations; a second run changes nothing. Throws
     * {@link shoptwin.store.StoreUnavailableException} when the database cannot be reached and
     * {@link StoreException} when a migration fails, both with masked messages.
     */
    public MigrateResult migrate() {
        try {
            return SchemaMigration.forMigrate(pool, SchemaMigration.LOCATION).migrate();
        } catch (FlywayException e) {
            throw translate(e, "migration failed");
        } catch (SQLException e) {
            throw SqlErrors.isConnectionFailure(e) ? SqlErrors.unavailable(e, settings)
                    : SchemaMigration.describe(e, "migration failed", settings);
        }
    }

    /** The applied schema version ("1", "2", ...), or null on an empty database. */
    public String schemaVersion() {
        try {
            MigrationInfo current = flyway().info().current();
            return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw translate(e, "cannot read the schema version");
        }
    }

    /**
     * One round trip ({@code select 1}) through the pool, with a short timeout: for the status
     * command and the connection monitor. Throws {@link shoptwin.store.StoreUnavailableException}.
     */
    public Duration ping() {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(PING_TIMEOUT_SECONDS);
            s.execute("select 1");
        } catch (SQLException e) {
            throw SqlErrors.unavailable(e, settings);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** "Supabase (db.abc.supabase.co)" or "PostgreSQL (localhost:5432/shop)": never a password. */
    public String describe() {
        return describe(settings);
    }

    public static String describe(PostgresSettings settings) {
        String host = SupabaseUrl.hostOf(settings.jdbcUrl());
        return SupabaseUrl.isSupabaseHost(host) ? "Supabase (" + host + ")" : "PostgreSQL (" + settings.describe() + ")";
    }

    private RuntimeException translate(FlywayException e, String what) {
        if (SqlErrors.isConnectionFailure(e)) {
            return SqlErrors.unavailable(e, settings);
        }
        return SchemaMigration.describe(e, what, settings);
    }

    public Flyway flyway() {
        return SchemaMigration.flyway(pool);
    }

    /** A connection outside the pool, for session state (LISTEN, advisory locks). Caller closes it. */
    public Connection openSessionConnection() throws SQLException {
        Properties props = new Properties();
        settings.properties().forEach(props::setProperty);
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("ApplicationName", "ShopTwin mirror");
        props.putIfAbsent("connectTimeout", "5");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(settings.jdbcUrl(), props);
    }

    @Override
    public void close() {
        pool.close();
    }
}
