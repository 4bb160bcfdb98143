package shoptwin.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import shoptwin.config.PostgresSettings;

/**
 * The primary database: a HikariCP pool for ordinary work, Flyway for the schema, and separate
 * long-lived session connections for what is session state (LISTEN, the mirror's advisory lock),
 * which must not come from a pool.
 */
public final class Database implements AutoCloseable {
    public static final String SCHEMA = "shoptwin";

    private final PostgresSettings settings;
    private final HikariDataSource pool;

    public Database(PostgresSettings settings, int maxPoolSize) {
        this.settings = settings;
        HikariConfig config = new HikariConfig();
        config.setPoolName("shoptwin-pg");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        settings.properties().forEach(config::addDataSourceProperty);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        // start without a connection: the console must open even when Supabase is down
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", "ShopTwin");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("tcpKeepAlive", "true");
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

    /** Applies pending migrations; a second run changes nothing. */
    public MigrateResult migrate() {
        return flyway().migrate();
    }

    public Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
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
