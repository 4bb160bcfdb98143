package shoptwin.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads SUPABASE_DB_URL in either form people paste:
 * <ul>
 *   <li>{@code postgresql://user:password@host:port/db?sslmode=require}, as Supabase's dashboard
 *       shows it (the pooler's user is {@code postgres.<project-ref>}; the password may be
 *       URL-encoded, and an unencoded {@code @} in it is tolerated);</li>
 *   <li>{@code jdbc:postgresql://host:port/db?user=...&password=...}.</li>
 * </ul>
 * The result keeps the credentials out of the JDBC URL. Errors name the setting and never echo
 * the password.
 */
public final class SupabaseUrl {
    public static final String SETTING = "SUPABASE_DB_URL";
    public static final int DEFAULT_PORT = 5432;
    /** Supabase's transaction-mode pooler (Supavisor): no session state survives a transaction. */
    public static final int TRANSACTION_POOLER_PORT = 6543;

    /** What Supabase's dashboard shows instead of the password. */
    public static final String PLACEHOLDER = "[YOUR-PASSWORD]";

    public static final String TRANSACTION_POOLER_WARNING =
            "SUPABASE_DB_URL uses port 6543, Supabase's transaction pooler: LISTEN/NOTIFY and advisory locks"
                    + " do not work there, so the mirror falls back to polling and cannot elect one leader."
                    + " Copy the session pooler string (port 5432 on the pooler host) or the direct connection instead.";

    /** What a URL turned into: the settings and anything the user should be told. */
    public record Parsed(PostgresSettings settings, String host, int port, String database, List<String> warnings) {
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    private SupabaseUrl() {
    }

    public static Parsed parse(String url) {
        return parse(url, null);
    }

    /**
     * Like {@link #parse(String)}; {@code separatePassword} (SUPABASE_DB_PASSWORD, or a password
     * field) is used when the URL has no password or still has Supabase's {@code [YOUR-PASSWORD]}.
     */
    public static Parsed parse(String url, String separatePassword) {
        if (url == null || url.isBlank()) {
            throw invalid("is empty: set it to the connection string from Supabase (Project Settings > Database)");
        }
        String text = url.strip();
        String rest;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw invalid("must start with postgresql:// (as Supabase shows it) or jdbc:postgresql://");
        }

        String user = null;
        String password = null;
        // The last '@' ends the credentials: a password with an unencoded '@' still works.
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                user = decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            } else {
                user = decode(userInfo);
            }
        }

        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String hostPort = rest;
        String database = "postgres";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hostPort = rest.substring(0, slash);
            String db = rest.substring(slash + 1);
            if (db.endsWith("/")) {
                db = db.substring(0, db.length() - 1);
            }
            if (!db.isEmpty()) {
                database = db;
            }
        }
        if (database.contains("/")) {
            throw invalid("has an unexpected '/' in the database name");
        }
        if (database.chars().anyMatch(Character::isISOControl) || decode(database).chars().anyMatch(Character::isISOControl)) {
            throw invalid("has a control character in the database name");
        }

        String host;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid("has an unclosed '[' in the host");
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                port = parsePort(after.substring(1));
            } else if (!after.isEmpty()) {
                throw invalid("has text after the host that is not a port");
            }
        } else {
            if (hostPort.contains(",")) {
                throw invalid("names several hosts: give one Supabase host");
            }
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = parsePort(hostPort.substring(colon + 1));
            } else {
                host = hostPort;
            }
        }
        if (host.isBlank()) {
            throw invalid("has no host: expected something like postgresql://postgres:PASSWORD@db.<project>.supabase.co:5432/postgres");
        }
        if (!host.matches("\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+")) {
            throw invalid("has an invalid host name");
        }

        Map<String, String> props = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> props.put(key, value);
                }
            }
        }
        boolean hasSeparate = separatePassword != null && !separatePassword.isEmpty();
        if (hasSeparate && (password == null || password.isEmpty() || password.equals(PLACEHOLDER))) {
            password = separatePassword;
        }
        if (password != null && password.equals(PLACEHOLDER)) {
            throw invalid("still contains the placeholder [YOUR-PASSWORD]: put your database password there"
                    + " (or set SUPABASE_DB_PASSWORD)");
        }
        Secrets.remember(password);

        List<String> warnings = new ArrayList<>();
        if (port == TRANSACTION_POOLER_PORT) {
            // the transaction pooler cannot keep server-side prepared statements between transactions
            props.putIfAbsent("prepareThreshold", "0");
            warnings.add(TRANSACTION_POOLER_WARNING);
        }
        String jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        PostgresSettings settings = new PostgresSettings(jdbcUrl, user, password, props);
        return new Parsed(settings, host, port, decode(database), warnings);
    }

    /** True for Supabase's hosts (db.ref.supabase.co, *.pooler.supabase.com). */
    public static boolean isSupabaseHost(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.endsWith(".supabase.co") || h.endsWith(".supabase.com") || h.endsWith(".supabase.net");
    }

    /** The host of a credential-free JDBC URL as built by {@link #parse}, for messages. */
    public static String hostOf(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("(?i)^jdbc:postgresql://", "");
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hostPort = rest.substring(0, end);
        if (hostPort.startsWith("[")) {
            return hostPort.substring(0, hostPort.indexOf(']') + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("has an invalid port '" + Secrets.mask(text) + "': expected a number like 5432");
    }

    /** Percent-decoding as in a URL's user info: '+' stays '+', a stray '%' stays literal. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static InvalidSettingException invalid(String problem) {
        return new InvalidSettingException(SETTING, "url_format", SETTING + " " + problem + ".");
    }
}
