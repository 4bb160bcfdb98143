package shoptwin.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file the way the old Node.js app's dotenv did: {@code KEY=value} lines,
 * optional {@code export}, {@code #} comments, single or double quotes ({@code \n} escapes in double
 * quotes), and a {@code #} after whitespace ending an unquoted value.
 */
public final class DotEnv {
    private DotEnv() {
    }

    /** The file's variables, or nothing when it does not exist. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\\r?\\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                continue;
            }
            values.put(key, value(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String value(String v) {
        if (v.length() >= 2 && v.startsWith("\"")) {
            int end = closingQuote(v, '"');
            if (end > 0) {
                return v.substring(1, end).replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")
                        .replace("\\\"", "\"").replace("\\\\", "\\");
            }
        }
        if (v.length() >= 2 && (v.startsWith("'") || v.startsWith("`"))) {
            int end = v.indexOf(v.charAt(0), 1);
            if (end > 0) {
                return v.substring(1, end);
            }
        }
        int hash = v.indexOf(" #");
        if (hash < 0) {
            hash = v.indexOf("\t#");
        }
        return (hash >= 0 ? v.substring(0, hash) : v).strip();
    }

    private static int closingQuote(String v, char quote) {
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}
