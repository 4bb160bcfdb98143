package shoptwin.ui.settings;

/**
 * What the settings dialog edits: where the shop's data lives. Blank Supabase URL means demo mode
 * (embedded databases). {@code supabasePassword} may also be inside the URL; both are secrets and
 * are never shown back in clear. {@link #toString()} masks them.
 */
public record ConnectionSettings(String supabaseUrl, String supabasePassword, String mongoUri, String mongoDatabase) {

    public static ConnectionSettings empty() {
        return new ConnectionSettings("", "", "", "");
    }

    public ConnectionSettings {
        supabaseUrl = supabaseUrl == null ? "" : supabaseUrl.strip();
        supabasePassword = supabasePassword == null ? "" : supabasePassword;
        mongoUri = mongoUri == null ? "" : mongoUri.strip();
        mongoDatabase = mongoDatabase == null ? "" : mongoDatabase.strip();
    }

    @Override
    public String toString() {
        return "ConnectionSettings[supabaseUrl=" + shoptwin.config.Secrets.mask(supabaseUrl)
                + ", supabasePassword=" + (supabasePassword.isEmpty() ? "" : shoptwin.config.Secrets.MASK)
                + ", mongoUri=" + shoptwin.config.Secrets.mask(mongoUri) + ", mongoDatabase=" + mongoDatabase + "]";
    }
}
