package shoptwin.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Moments as the console's status lines word them (the banner's "since 14:03:05", the status screen's
 * "last success"): the time of day when it is today, with the date otherwise.
 */
public final class TimeFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH);

    private TimeFormat() {
    }

    /** A time of day today, else with the date: "14:03:22" / "3 Nov 14:03:22"; "never" for none. */
    public static String time(Instant at, Instant now, ZoneId zone) {
        if (at == null) {
            return "never";
        }
        var local = at.atZone(zone);
        return local.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? TIME.format(local) : DATE_TIME.format(local);
    }
}
