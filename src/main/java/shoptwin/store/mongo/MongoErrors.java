package shoptwin.store.mongo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MongoDB failures as one readable line, for logs, the status panel and the command line. */
public final class MongoErrors {
    private static final Pattern SERVER_ADDRESS = Pattern.compile("address=([^,}\\s]+)");
    private static final Pattern ROOT_CAUSE = Pattern.compile("caused by \\{[\\w.$]+: ([^}]*)\\}");

    private MongoErrors() {
    }

    /**
     * The driver's server-selection timeout ("Timed out while waiting for a server that matches
     * ReadPreferenceServerSelector{...}") becomes "cannot reach MongoDB at host:port (why)"; anything else
     * is its own message (or its class name when it has none).
     */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof com.mongodb.MongoTimeoutException && m.startsWith("Timed out while waiting for a server")) {
            Matcher address = SERVER_ADDRESS.matcher(m);
            Matcher cause = ROOT_CAUSE.matcher(m);
            String why = null;
            while (cause.find()) {
                why = cause.group(1);
            }
            return "cannot reach MongoDB" + (address.find() ? " at " + address.group(1) : "")
                    + (why != null ? " (" + why + ")" : " (no answer)");
        }
        return m;
    }
}
