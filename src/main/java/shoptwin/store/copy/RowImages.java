package shoptwin.store.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The session settings a row image's text depends on ({@code to_jsonb} renders timestamptz in the session's
 * TimeZone, interval in its IntervalStyle, floats with its extra_float_digits, bytea with its bytea_output),
 * pinned to one value each, so that every reader sees the same text whoever wrote the row and however their
 * session was set. The capture function pins them with function-level {@code SET}s
 * (R__capture_change.sql: keep the two lists equal); resync, verify and restore pin them on their own
 * transactions with {@link #pin}.
 */
public final class RowImages {
    /** Setting → value, as the capture function's {@code SET} clauses have them. */
    public static final List<String[]> SETTINGS = List.of(
            new String[] {"TimeZone", "UTC"},
            new String[] {"IntervalStyle", "iso_8601"},
            new String[] {"DateStyle", "ISO, YMD"},
            new String[] {"extra_float_digits", "1"},
            new String[] {"bytea_output", "hex"});

    private RowImages() {
    }

    /** Pins the settings for the rest of {@code c}'s current transaction (autocommit must be off). */
    public static void pin(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            StringBuilder sql = new StringBuilder();
            for (String[] setting : SETTINGS) {
                sql.append("set local ").append(setting[0]).append(" = '").append(setting[1]).append("';");
            }
            s.execute(sql.toString());
        }
    }
}
