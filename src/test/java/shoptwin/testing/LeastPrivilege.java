package shoptwin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import shoptwin.config.PostgresSettings;

/** Applies src/main/resources/sql/least-privilege.sql as the owner and hands out shoptwin_app settings. */
public final class LeastPrivilege {
    public static final String ROLE = "shoptwin_app";
    /** Test-only password; the embedded server trusts local connections anyway. */
    public static final String TEST_PASSWORD = "app-Secret-4711";

    private LeastPrivilege() {
    }

    public static String script() {
        try (InputStream in = LeastPrivilege.class.getResourceAsStream("/sql/least-privilege.sql")) {
            if (in == null) {
                throw new IllegalStateException("sql/least-privilege.sql is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script as the owner (after migrations) and returns settings that log in as shoptwin_app. */
    public static PostgresSettings grantAndConnectAsApp(PostgresSettings owner) {
        try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
             Statement s = c.createStatement()) {
            s.execute(script());
            s.execute("alter role " + ROLE + " password '" + TEST_PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("least-privilege.sql failed: " + e.getMessage(), e);
        }
        return new PostgresSettings(owner.jdbcUrl(), ROLE, TEST_PASSWORD, owner.properties());
    }
}
