package shoptwin.ui.settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import shoptwin.config.Settings;
import shoptwin.config.SettingsFile;

/**
 * The settings dialog's storage: the user's settings file (owner-only, written atomically), under
 * the same keys as the environment variables. A password typed apart from the URL is put into the
 * URL, which is how the settings file and SUPABASE_DB_URL carry it. The history's staff name and days are
 * SHOPTWIN_STAFF_NAME and SHOPTWIN_HISTORY_DAYS.
 */
public final class SettingsFileRepository implements SettingsRepository {
    private final SettingsFile file;

    public SettingsFileRepository(SettingsFile file) {
        this.file = file;
    }

    public static SettingsFileRepository forCurrentUser() {
        return new SettingsFileRepository(new SettingsFile(SettingsFile.defaultDir(System.getenv())));
    }

    @Override
    public ConnectionSettings load() {
        Map<String, String> v = file.read();
        return new ConnectionSettings(v.get(Settings.SUPABASE_DB_URL), "", v.get(Settings.MONGODB_URI),
                v.get(Settings.MONGODB_DATABASE), v.get(Settings.STAFF_NAME), v.get(Settings.HISTORY_DAYS));
    }

    @Override
    public void save(ConnectionSettings s) {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(Settings.SUPABASE_DB_URL, withPassword(s.supabaseUrl(), s.supabasePassword()));
        changes.put(Settings.MONGODB_URI, s.mongoUri());
        changes.put(Settings.MONGODB_DATABASE, s.mongoDatabase());
        changes.put(Settings.STAFF_NAME, s.staffName()); // blank: the computer's user name
        changes.put(Settings.HISTORY_DAYS, s.historyDays()); // blank: the default
        file.update(changes); // blank values remove the key: an empty Supabase URL means demo mode
    }

    @Override
    public String describe() {
        return file.path().toString();
    }

    /** scheme://user[:old]@host... with the password replaced (URL-encoded); unchanged without one. */
    static String withPassword(String url, String password) {
        if (url == null || url.isBlank() || password == null || password.isEmpty()) {
            return url;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        String rest = url.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        String user;
        String host;
        if (at < 0) {
            user = "postgres"; // Supabase's database user when the URL names none
            host = authority;
        } else {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            host = authority.substring(at + 1);
        }
        return url.substring(0, scheme + 3) + user + ":" + encoded + "@" + host + tail;
    }
}
