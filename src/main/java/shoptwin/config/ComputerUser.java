package shoptwin.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Who is working at this computer, as the outage journal records it ({@code made_by}, {@code resolved_by}):
 * the computer's user and its name, "meera (console on SHOP-PC)". A staff name setting, where there is one,
 * goes first in its place.
 */
public final class ComputerUser {
    private ComputerUser() {
    }

    /** "meera (console on SHOP-PC)"; {@code where} says what is used: "console", "command line". */
    public static String label(String where) {
        String user = Optional.ofNullable(System.getProperty("user.name")).filter(s -> !s.isBlank()).orElse("someone");
        return user + " (" + where + " on " + host() + ")";
    }

    /** The computer's name, without waiting on a DNS lookup when the environment says it. */
    static String host() {
        for (String v : new String[] {System.getenv("COMPUTERNAME"), System.getenv("HOSTNAME")}) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "this computer";
        }
    }
}
