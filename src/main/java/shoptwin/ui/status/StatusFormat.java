package shoptwin.ui.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import shoptwin.config.Secrets;
import shoptwin.failover.DatabaseStatus;
import shoptwin.mirror.MirrorHealth;
import shoptwin.ui.common.TimeFormat;

/** How the status screen words durations, times, databases and the mirror's state. */
public final class StatusFormat {
    private StatusFormat() {
    }

    /** "0 s", "45 s", "3 min 4 s", "2 h 5 min", "3 d 4 h". */
    public static String duration(Duration d) {
        if (d == null || d.isNegative()) {
            return "0 s";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            long min = (s % 3600) / 60;
            return (s / 3600) + " h" + (min == 0 ? "" : " " + min + " min");
        }
        long h = (s % 86_400) / 3600;
        return (s / 86_400) + " d" + (h == 0 ? "" : " " + h + " h");
    }

    /** A round-trip time: "4 ms", "0.6 ms", "1.2 s". */
    public static String roundTrip(Duration d) {
        long micros = d.toNanos() / 1_000;
        if (micros < 1_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
        }
        if (micros < 10_000_000) {
            long ms = micros / 1000;
            return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (micros / 1_000_000) + " s";
    }

    /** "14:03:22 (5 s ago)", or "never". */
    public static String timeAgo(Instant at, Instant now, ZoneId zone) {
        if (at == null) {
            return "never";
        }
        Duration ago = Duration.between(at, now);
        return TimeFormat.time(at, now, zone) + " (" + (ago.isNegative() || ago.toSeconds() < 1 ? "just now" : duration(ago) + " ago") + ")";
    }

    /** One database's line: "Up · 4 ms", "Down for 12 s: connection refused", "Checking…". */
    public static String database(DatabaseStatus s, Instant now) {
        if (s == null) {
            return "Not monitored";
        }
        return switch (s.reachability()) {
            case UNKNOWN -> s.consecutiveFailures() > 0
                    ? "Not answering (" + s.consecutiveFailures() + " failed check" + plural(s.consecutiveFailures()) + ")" + error(s)
                    : "Checking…";
            case UP -> "Up" + (s.roundTrip() == null ? "" : " · " + roundTrip(s.roundTrip()))
                    + (s.consecutiveFailures() > 0 ? " · " + s.consecutiveFailures() + " failed check"
                    + plural(s.consecutiveFailures()) + error(s) : "");
            case DOWN -> "Down for " + duration(Duration.between(s.changedAt(), now)) + error(s);
        };
    }

    public static StatusLevel databaseLevel(DatabaseStatus s) {
        if (s == null) {
            return StatusLevel.UNKNOWN;
        }
        return switch (s.reachability()) {
            case UNKNOWN -> s.consecutiveFailures() > 0 ? StatusLevel.WARNING : StatusLevel.UNKNOWN;
            case UP -> s.consecutiveFailures() > 0 ? StatusLevel.WARNING : StatusLevel.OK;
            case DOWN -> StatusLevel.DANGER;
        };
    }

    /** "Running", "Catching up", "Retrying in 4 s", "Standby", "Stopped". */
    public static String mirrorState(MirrorHealth h, Instant now) {
        return switch (h.state()) {
            case RUNNING -> "Running";
            case CATCHING_UP -> "Catching up";
            case RETRYING -> h.nextAttemptAt() == null ? "Retrying"
                    : "Retrying" + (h.nextAttemptAt().isAfter(now) ? " in " + duration(Duration.between(now, h.nextAttemptAt()).plusMillis(999)) : " now");
            case STANDBY -> "Standby (another console mirrors)";
            case STOPPED -> "Stopped";
            case DIVERGED -> "Stopped copying: your decision is needed";
        };
    }

    public static StatusLevel mirrorLevel(MirrorHealth h) {
        StatusLevel base = switch (h.state()) {
            case RUNNING, STANDBY -> StatusLevel.OK;
            case CATCHING_UP -> StatusLevel.WARNING;
            case RETRYING, DIVERGED -> StatusLevel.DANGER;
            case STOPPED -> StatusLevel.UNKNOWN;
        };
        if (h.parkedCount() > 0 && base == StatusLevel.OK) {
            return StatusLevel.WARNING;
        }
        return base;
    }

    /** "This console (till-1, since 14:02:11)", "till-2 (pid 4242), since 14:02:11", or why none. */
    public static String leader(MirrorHealth h, Instant now, ZoneId zone) {
        if (h.leader().isEmpty()) {
            return h.state() == MirrorHealth.State.STOPPED ? "No mirror runs in this console" : "Not known yet";
        }
        MirrorHealth.Leader l = h.leader().get();
        String since = l.since() == null ? "" : ", since " + TimeFormat.time(l.since(), now, zone);
        return l.isThisInstance()
                ? "This console (" + l.host() + since + ")"
                : l.host() + " (pid " + l.pid() + ")" + since;
    }

    /** An error line for the list, newest first: "14:03:22  MongoDB did not answer…", masked again to be sure. */
    public static String error(MirrorHealth.MirrorError e, Instant now, ZoneId zone) {
        return TimeFormat.time(e.at(), now, zone) + "  " + Secrets.maskAll(String.valueOf(e.message()));
    }

    public static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String error(DatabaseStatus s) {
        return s.lastError() == null ? "" : ": " + shortError(s.lastError());
    }

    /**
     * The gist of a driver's error for a small card: up to its first detail dump ('{', '(') or
     * sentence end, at most {@value #SHORT_ERROR} characters; the full text goes in a tooltip.
     */
    public static String shortError(String error) {
        if (error == null) {
            return "";
        }
        String e = Secrets.maskAll(error).strip();
        int cut = e.length();
        for (String stop : new String[] {"{", ". ", " ("}) {
            int i = e.indexOf(stop);
            if (i > 12 && i < cut) {
                cut = i;
            }
        }
        e = e.substring(0, cut).strip();
        return e.length() > SHORT_ERROR ? e.substring(0, SHORT_ERROR - 1).strip() + "…" : e;
    }

    static final int SHORT_ERROR = 70;

    /** The whole (masked) last error of a database, for the card's tooltip; empty when none. */
    public static String fullError(DatabaseStatus s) {
        return s == null || s.lastError() == null ? "" : Secrets.maskAll(s.lastError());
    }

    /** 10, 20, 50, 100, 200, 500…: a round top for the value axis (at least 10, so a calm mirror is a flat line at the bottom). */
    public static double niceCeiling(double value) {
        double nice = 10;
        for (int step = 0; nice < value; step++) {
            nice *= step % 3 == 1 ? 2.5 : 2; // 10 → 20 → 50 → 100 → 200 → 500 …
        }
        return nice;
    }
}
