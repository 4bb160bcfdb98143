package shoptwin.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything ShopTwin is configured with. Read, lowest priority first, from the settings file in
 * the user's config directory, {@code .env}, then {@code .env.local} in the working directory (where
 * the old web app kept them), then the process environment: the environment wins.
 *
 * <p>Variables: SUPABASE_DB_URL (SUPABASE_DB_PASSWORD if the URL holds no password), MONGODB_URI, MONGODB_DATABASE (default: the database named in
 * the URI, else {@code shop-management}), SHOPTWIN_THEME (light/dark), SHOPTWIN_PROBE_INTERVAL_SECONDS,
 * SHOPTWIN_FAILURE_THRESHOLD, SHOPTWIN_AUTO_FAILOVER, SHOPTWIN_HTTP (the headless mirror's health address, kept as
 * typed: only {@code shoptwin mirror} uses it, and refuses a malformed one naming it), SHOPTWIN_LAG_WARNING_MINUTES
 * (how old the oldest waiting change may get before every console warns; default 5), SHOPTWIN_HISTORY_DAYS (how long
 * the history keeps old versions, default 90), SHOPTWIN_STAFF_NAME (who this console's changes are recorded as).
 * toString masks every password.
 */
public record Settings(
        Optional<PostgresSettings> postgres,
        Optional<MongoSettings> mongo,
        Theme theme,
        FailoverSettings failover,
        Path configDir,
        List<String> warnings,
        Optional<String> httpAddress,
        java.time.Duration lagWarning,
        HistorySettings history) {

    public static final String SUPABASE_DB_URL = SupabaseUrl.SETTING;
    /** Optional: the password kept apart from the URL (used when the URL has none or the placeholder). */
    public static final String SUPABASE_DB_PASSWORD = "SUPABASE_DB_PASSWORD";
    public static final String MONGODB_URI = "MONGODB_URI";
    public static final String MONGODB_DATABASE = "MONGODB_DATABASE";
    public static final String THEME = "SHOPTWIN_THEME";
    public static final String PROBE_INTERVAL_SECONDS = "SHOPTWIN_PROBE_INTERVAL_SECONDS";
    public static final String FAILURE_THRESHOLD = "SHOPTWIN_FAILURE_THRESHOLD";
    public static final String AUTO_FAILOVER = "SHOPTWIN_AUTO_FAILOVER";
    public static final String HTTP = HttpAddress.SETTING;
    public static final String LAG_WARNING_MINUTES = "SHOPTWIN_LAG_WARNING_MINUTES";
    public static final int DEFAULT_LAG_WARNING_MINUTES = 5;
    public static final String HISTORY_DAYS = "SHOPTWIN_HISTORY_DAYS";
    public static final String STAFF_NAME = "SHOPTWIN_STAFF_NAME";

    /** Every variable ShopTwin reads; the settings file and .env files may hold others, ignored. */
    public static final List<String> KEYS = List.of(SUPABASE_DB_URL, SUPABASE_DB_PASSWORD, MONGODB_URI, MONGODB_DATABASE, THEME,
            PROBE_INTERVAL_SECONDS, FAILURE_THRESHOLD, AUTO_FAILOVER, HTTP, LAG_WARNING_MINUTES, HISTORY_DAYS, STAFF_NAME);

    public Settings {
        warnings = List.copyOf(warnings);
        httpAddress = httpAddress == null ? Optional.empty() : httpAddress;
        lagWarning = lagWarning == null ? java.time.Duration.ofMinutes(DEFAULT_LAG_WARNING_MINUTES) : lagWarning;
        history = history == null ? HistorySettings.defaults() : history;
    }

    /** With the default lag warning and the history's defaults. */
    public Settings(Optional<PostgresSettings> postgres, Optional<MongoSettings> mongo, Theme theme, FailoverSettings failover,
            Path configDir, List<String> warnings, Optional<String> httpAddress) {
        this(postgres, mongo, theme, failover, configDir, warnings, httpAddress, null, HistorySettings.defaults());
    }

    /** Without an HTTP address (the console's settings). */
    public Settings(Optional<PostgresSettings> postgres, Optional<MongoSettings> mongo, Theme theme, FailoverSettings failover,
            Path configDir, List<String> warnings) {
        this(postgres, mongo, theme, failover, configDir, warnings, Optional.empty(), null, HistorySettings.defaults());
    }

    /** Reads the real environment, the working directory's .env files and the user's settings file. */
    public static Settings load() {
        Map<String, String> env = System.getenv();
        return load(env, Path.of("").toAbsolutePath(), SettingsFile.defaultDir(env));
    }

    /**
     * The testable form. Throws {@link InvalidSettingException} naming the setting when a database
     * URL cannot be used; smaller mistakes (an unknown theme) become warnings and defaults.
     */
    public static Settings load(Map<String, String> env, Path workingDir, Path configDir) {
        Map<String, String> values = merged(env, workingDir, configDir);
        List<String> warnings = new ArrayList<>();

        Optional<PostgresSettings> postgres = Optional.empty();
        String dbUrl = values.get(SUPABASE_DB_URL);
        if (dbUrl != null) {
            SupabaseUrl.Parsed parsed = SupabaseUrl.parse(dbUrl, values.get(SUPABASE_DB_PASSWORD));
            postgres = Optional.of(parsed.settings());
            warnings.addAll(parsed.warnings());
        }

        Optional<MongoSettings> mongo = Optional.empty();
        String mongoUri = values.get(MONGODB_URI);
        if (mongoUri != null) {
            mongo = Optional.of(mongoSettings(mongoUri, values.get(MONGODB_DATABASE)));
        } else if (values.containsKey(MONGODB_DATABASE)) {
            warnings.add("MONGODB_DATABASE is set but MONGODB_URI is not: there is no MongoDB copy configured.");
        }

        Theme theme = Theme.LIGHT;
        String themeText = values.get(THEME);
        if (themeText != null) {
            Optional<Theme> parsedTheme = Theme.parse(themeText);
            if (parsedTheme.isPresent()) {
                theme = parsedTheme.get();
            } else {
                warnings.add(THEME + " must be light or dark; using light.");
            }
        }

        int interval = intSetting(values, PROBE_INTERVAL_SECONDS, FailoverSettings.DEFAULT_PROBE_INTERVAL_SECONDS,
                1, 3600, warnings);
        int threshold = intSetting(values, FAILURE_THRESHOLD, FailoverSettings.DEFAULT_FAILURE_THRESHOLD, 1, 100,
                warnings);
        boolean auto = false;
        String autoText = values.get(AUTO_FAILOVER);
        if (autoText != null) {
            switch (autoText.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> auto = true;
                case "false", "no", "off", "0" -> auto = false;
                default -> warnings.add(AUTO_FAILOVER + " must be true or false; using false.");
            }
        }
        int lagMinutes = intSetting(values, LAG_WARNING_MINUTES, DEFAULT_LAG_WARNING_MINUTES, 1, 10_080, warnings);
        int historyDays = intSetting(values, HISTORY_DAYS, HistorySettings.DEFAULT_DAYS, HistorySettings.MIN_DAYS,
                HistorySettings.MAX_DAYS, warnings);
        Optional<String> staff = Optional.ofNullable(values.get(STAFF_NAME));
        if (staff.isPresent()) {
            try {
                staff = Optional.of(HistorySettings.validStaffName(staff.get()));
            } catch (IllegalArgumentException e) {
                warnings.add(STAFF_NAME + ": " + e.getMessage() + " Using the computer's user name.");
                staff = Optional.empty();
            }
        }
        return new Settings(postgres, mongo, theme, new FailoverSettings(interval, threshold, auto), configDir,
                warnings, Optional.ofNullable(values.get(HTTP)), java.time.Duration.ofMinutes(lagMinutes),
                new HistorySettings(historyDays, staff));
    }

    /**
     * The raw values after precedence (file, .env, .env.local, environment), blank values dropped.
     * Only ShopTwin's {@link #KEYS} are kept.
     */
    public static Map<String, String> merged(Map<String, String> env, Path workingDir, Path configDir) {
        Map<String, String> values = new LinkedHashMap<>();
        putAll(values, new SettingsFile(configDir).read());
        putAll(values, DotEnv.read(workingDir.resolve(".env")));
        putAll(values, DotEnv.read(workingDir.resolve(".env.local")));
        putAll(values, env);
        return values;
    }

    private static void putAll(Map<String, String> into, Map<String, String> from) {
        for (String key : KEYS) {
            String value = from.get(key);
            if (value != null && !value.isBlank()) {
                // a password may legitimately start or end with a space
                into.put(key, key.equals(SUPABASE_DB_PASSWORD) ? value : value.strip());
            }
        }
    }

    static MongoSettings mongoSettings(String uri, String database) {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("mongodb://") && !lower.startsWith("mongodb+srv://")) {
            throw new InvalidSettingException(MONGODB_URI, "url_format",
                    MONGODB_URI + " must start with mongodb:// or mongodb+srv://.");
        }
        String password = Secrets.passwordIn(uri);
        if (password != null) {
            Secrets.remember(password);
            Secrets.remember(SupabaseUrl.decode(password));
        }
        String rest = uri.substring(uri.indexOf("://") + 3);
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        if (rest.isBlank() || rest.startsWith("/") || rest.startsWith("?")) {
            throw new InvalidSettingException(MONGODB_URI, "url_format", MONGODB_URI + " has no host.");
        }
        String db = database;
        if (db == null || db.isBlank()) {
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                String path = rest.substring(slash + 1);
                int q = path.indexOf('?');
                path = SupabaseUrl.decode(q >= 0 ? path.substring(0, q) : path);
                if (!path.isBlank()) {
                    db = path;
                }
            }
        }
        checkWithDriver(uri);
        String dbSetting = database == null || database.isBlank() ? MONGODB_URI : MONGODB_DATABASE;
        if (db != null && !db.matches("[A-Za-z0-9_-]{1,63}")) {
            // MongoDB refuses / \ . " $ spaces and more in database names; keep to the safe set
            throw new InvalidSettingException(dbSetting, "database_name", dbSetting
                    + " names the MongoDB database '" + Secrets.maskAll(db) + "': use 1 to 63 letters, digits, '-' or '_'.");
        }
        return new MongoSettings(uri, db);
    }

    /**
     * The driver's own parser, so that options it would refuse later (a bad port, tls=maybe, an
     * unknown authMechanism) are refused now, naming the setting. Parsing does no network I/O,
     * not even the DNS lookup of a mongodb+srv:// host.
     */
    private static void checkWithDriver(String uri) {
        try {
            new com.mongodb.ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "it cannot be parsed" : Secrets.maskAll(e.getMessage());
            throw new InvalidSettingException(MONGODB_URI, "url_format",
                    MONGODB_URI + " is not a valid MongoDB connection string: " + why);
        }
        MongoTls.check(uri);
    }

    private static int intSetting(Map<String, String> values, String key, int fallback, int min, int max,
            List<String> warnings) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the warning
        }
        warnings.add(key + " must be a whole number from " + min + " to " + max + "; using " + fallback + ".");
        return fallback;
    }

    @Override
    public String toString() {
        return "Settings[postgres=" + postgres.map(PostgresSettings::toString).orElse("(not set)")
                + ", mongo=" + mongo.map(MongoSettings::toString).orElse("(not set)")
                + ", theme=" + theme.code() + ", failover=" + failover + ", configDir=" + configDir
                + ", http=" + httpAddress.orElse("(off)") + ", lagWarning=" + lagWarning + ", historyDays=" + history.days()
                + ", warnings=" + warnings.size() + "]";
    }
}
