package shoptwin.ui.settings;

/**
 * What the settings dialog edits: where the shop's data lives, and the backup's history (docs/history.md): the staff
 * name this console's changes are recorded under and how many days old versions are kept. Blank Supabase URL means
 * demo mode (embedded databases); blank staff name, the computer's user name; blank days, the default.
 * {@code historyDays} is kept as typed, so the dialog can name what is wrong with it ({@link SettingsViewModel}).
 * {@code supabasePassword} may also be inside the URL; both are secrets and are never shown back in clear.
 * {@link #toString()} masks them.
 */
public record ConnectionSettings(String supabaseUrl, String supabasePassword, String mongoUri, String mongoDatabase,
                                 String staffName, String historyDays) {

    public static ConnectionSettings empty() {
        return new ConnectionSettings("", "", "", "");
    }

    /** Without the history's settings (left as they are: blank). */
    public ConnectionSettings(String supabaseUrl, String supabasePassword, String mongoUri, String mongoDatabase) {
        this(supabaseUrl, supabasePassword, mongoUri, mongoDatabase, "", "");
    }

    public ConnectionSettings {
        supabaseUrl = supabaseUrl == null ? "" : supabaseUrl.strip();
        supabasePassword = supabasePassword == null ? "" : supabasePassword;
        mongoUri = mongoUri == null ? "" : mongoUri.strip();
        mongoDatabase = mongoDatabase == null ? "" : mongoDatabase.strip();
        staffName = staffName == null ? "" : staffName.strip();
        historyDays = historyDays == null ? "" : historyDays.strip();
    }

    @Override
    public String toString() {
        return "ConnectionSettings[supabaseUrl=" + shoptwin.config.Secrets.mask(supabaseUrl)
                + ", supabasePassword=" + (supabasePassword.isEmpty() ? "" : shoptwin.config.Secrets.MASK)
                + ", mongoUri=" + shoptwin.config.Secrets.mask(mongoUri) + ", mongoDatabase=" + mongoDatabase
                + ", staffName=" + staffName + ", historyDays=" + historyDays + "]";
    }
}
