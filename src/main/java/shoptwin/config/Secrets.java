package shoptwin.config;

import java.util.Collection;
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

    private Secrets() {
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
