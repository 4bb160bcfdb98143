package shoptwin.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import shoptwin.config.HistorySettings;
import shoptwin.domain.ValidationException;

/**
 * Who is writing, as the console (or a command) tells PostgreSQL on each of its write transactions: a
 * person's name as chosen in Settings, the computer, and through what ({@code console}, {@code command
 * line}). The capture trigger records it beside the writing role (docs/history.md, "Who"), and the
 * history shows it as "Asha (console on SHOP-PC)".
 */
public record Staff(String name, String host, String via) {
    /** The longest name the console accepts (the trigger stores what it is given). */
    public static final int MAX_NAME = HistorySettings.MAX_NAME;
    public static final String CONSOLE = "console";
    public static final String COMMAND_LINE = "command line";
    /** The field a refused name is reported under. */
    public static final String FIELD = "staff_name";

    public Staff {
        name = clean(name);
        host = clean(host);
        via = clean(via);
    }

    /** The default: the computer's user and host. */
    public static Staff ofThisComputer(String via) {
        return new Staff(System.getProperty("user.name", "someone"), thisHost(), via);
    }

    /** {@code chosenName} if one was chosen (Settings), else the computer's user; always this computer's host. */
    public static Staff named(Optional<String> chosenName, String via) {
        Staff here = ofThisComputer(via);
        return chosenName.filter(n -> !n.isBlank()).map(n -> new Staff(n, here.host(), via)).orElse(here);
    }

    /** The same person through something else (e.g. a replay of the outage journal). */
    public Staff via(String newVia) {
        return new Staff(name, host, newVia);
    }

    /** A staff name as typed in Settings, trimmed; refused naming the field ({@link #FIELD}) by the rule of {@link HistorySettings#validStaffName}. */
    public static String validName(String typed) {
        try {
            return HistorySettings.validStaffName(typed);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(FIELD, "staff_name", e.getMessage());
        }
    }

    /**
     * The computer's name without a DNS lookup where the system says it (HOSTNAME, COMPUTERNAME): a lookup
     * can take seconds on a shop's network with no DNS.
     */
    static String thisHost() {
        for (String var : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "this computer";
        }
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip().replaceAll("\\p{Cntrl}", " ");
        return t.isEmpty() ? null : t.substring(0, Math.min(t.length(), MAX_NAME));
    }

    @Override
    public String toString() {
        return name + " (" + (via == null ? "" : via.toLowerCase(Locale.ROOT)) + (host == null ? "" : " on " + host) + ")";
    }
}
