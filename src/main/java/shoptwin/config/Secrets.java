package shoptwin.config;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text before it reaches a log, the UI, an exception message or stdout:
 * the password part of {@code scheme://user:password@host}, {@code password=...} parameters,
 * and any known secret value passed in.
 */
public final class Secrets {
    public static final String MASK = "****";

    private static final Pattern URL_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:/?#@\\s]*):([^@\\s/]*)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|apikey|api_key)\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^&;,\\s\"']+)");

    /**
     * Secret values read from the configuration (passwords). The log converters mask them wherever
     * they appear, even in text no pattern recognises (a driver echoing a raw password, say).
     * Process-wide on purpose: logging has no other way to learn them.
     */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    /** Remembers a secret value so that {@link #maskAll(String)} masks it anywhere (3+ characters). */
    public static void remember(String secret) {
        if (secret != null && secret.length() >= 3) {
            KNOWN.add(secret);
        }
    }

    /** Masks the patterns and every remembered secret: what every log line goes through. */
    public static String maskAll(String text) {
        return mask(text, KNOWN);
    }

    /**
     * The password in {@code scheme://user:password@host...} as written (still URL-encoded), or null
     * when the URL carries none.
     */
    public static String passwordIn(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return null;
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? null : userInfo.substring(colon + 1);
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = URL_USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        out = PASSWORD_PARAM.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return out;
    }

    /** Masks the patterns above and every occurrence of the given secret values (3+ characters). */
    public static String mask(String text, Collection<String> knownSecrets) {
        String out = mask(text);
        if (out == null || knownSecrets == null) {
            return out;
        }
        for (String secret : knownSecrets) {
            if (secret != null && secret.length() >= 3) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }
}
