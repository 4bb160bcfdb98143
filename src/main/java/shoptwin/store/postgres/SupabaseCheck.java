package shoptwin.store.postgres;

import java.time.Duration;
import shoptwin.config.SupabaseUrl;

/**
 * "Test connection" for a Supabase URL someone is typing (the settings dialog): parses it, connects
 * once, and says what it found. Plain types in and out, so the console can call it without JDBC.
 */
public final class SupabaseCheck {
    private SupabaseCheck() {
    }

    /**
     * A one-line success message ("Connected to Supabase (db.abc.supabase.co) in 42 ms; schema
     * version 10."), or a masked {@link shoptwin.config.InvalidSettingException} /
     * {@link shoptwin.store.StoreUnavailableException}. Blocks for up to ~5 s: call it off the FX thread.
     *
     * @param password used when the URL has none (or Supabase's [YOUR-PASSWORD] placeholder); may be null
     */
    public static String test(String url, String password) {
        SupabaseUrl.Parsed parsed = SupabaseUrl.parse(url, password);
        try (Database db = new Database(parsed.settings(), 2, Duration.ofSeconds(5))) {
            Duration roundTrip = db.ping();
            String version = db.schemaVersion();
            StringBuilder b = new StringBuilder("Connected to ").append(db.describe()).append(" in ")
                    .append(roundTrip.toMillis()).append(" ms; ")
                    .append(version == null ? "the schema is not created yet (it will be on first start)."
                            : "schema version " + version + ".");
            for (String warning : parsed.warnings()) {
                b.append(' ').append(warning);
            }
            return b.toString();
        }
    }
}
