package shoptwin.config;

import java.util.Map;
import java.util.Objects;

/**
 * How to reach the primary PostgreSQL (Supabase). The JDBC URL carries no credentials; the
 * password is kept apart and never printed: toString masks it.
 */
public record PostgresSettings(String jdbcUrl, String user, String password, Map<String, String> properties) {
    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public PostgresSettings(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, Map.of());
    }

    /** host:port/database, for messages and the status bar. */
    public String describe() {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
        int q = rest.indexOf('?');
        return Secrets.mask(q < 0 ? rest : rest.substring(0, q));
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + Secrets.mask(jdbcUrl) + ", user=" + user + ", password="
                + (password == null || password.isEmpty() ? "(none)" : Secrets.MASK) + "]";
    }
}
