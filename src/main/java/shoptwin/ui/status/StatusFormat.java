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

    /**
     * One database's line in plain words: "Up · 4 ms", "Did not answer the last check: the connection was cut",
     * "Down for 25 s: connection refused", "Checking…". How long it has been down counts from its last answer
     * (not from when the monitor gave up on it, a few checks later); the driver's own words stay in the tooltip.
     */
    public static String database(DatabaseStatus s, Instant now) {
        if (s == null) {
            return "Not monitored";
        }
        return switch (s.reachability()) {
            case UNKNOWN -> s.consecutiveFailures() > 0
                    ? "Not answering (" + s.consecutiveFailures() + " check" + plural(s.consecutiveFailures()) + " failed)" + cause(s)
                    : "Checking…";
            case UP -> s.consecutiveFailures() > 0
                    ? "Did not answer the last " + (s.consecutiveFailures() == 1 ? "check" : s.consecutiveFailures() + " checks") + cause(s)
                    : "Up" + (s.roundTrip() == null ? "" : " · " + roundTrip(s.roundTrip()));
            case DOWN -> "Down for " + duration(Duration.between(s.lastSuccessAt() != null ? s.lastSuccessAt() : s.changedAt(), now))
                    + cause(s);
        };
    }

    /**
     * A driver's error as a person would say it: the few causes a shop meets (refused, timed out, cut, the
     * password, the name), else its gist. Never the driver's class names or detail dumps.
     */
    public static String plainError(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        String e = error.toLowerCase(Locale.ROOT);
        if (e.contains("refused")) {
            return "connection refused (is the server running?)";
        }
        if (e.contains("password authentication failed") || e.contains("authentication failed")) {
            return "the user name or password was refused";
        }
        if (e.contains("unknownhost") || e.contains("unknown host") || e.contains("name or service not known")
                || e.contains("nodename nor servname")) {
            return "the server's name is not known (check the address)";
        }
        if (e.contains("end of stream") || e.contains("connection reset") || e.contains("broken pipe")
                || e.contains("an i/o error occurred") || e.contains("connection has been closed") || e.contains("socket closed")) {
            return "the connection was cut";
        }
        if (e.contains("timed out") || e.contains("timeout") || e.contains("connection is not available")) {
            return "no answer in time";
        }
        return shortError(error);
    }

    private static String cause(DatabaseStatus s) {
        return s.lastError() == null ? "" : ": " + plainError(s.lastError());
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

    /** "Running", "Catching up", "Retrying in 4 s", "Standing by: the mirror service on shop-server copies the changes", "Stopped". */
    public static String mirrorState(MirrorHealth h, Instant now) {
        return switch (h.state()) {
            case RUNNING -> "Running";
            case CATCHING_UP -> "Catching up";
            case RETRYING -> h.nextAttemptAt() == null ? "Retrying"
                    : "Retrying" + (h.nextAttemptAt().isAfter(now) ? " in " + duration(Duration.between(now, h.nextAttemptAt()).plusMillis(999)) : " now");
            case STANDBY -> "Standing by: " + h.leader().filter(l -> !l.isThisInstance()).map(StatusFormat::who)
                    .orElse("another ShopTwin") + " copies the changes";
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

    /**
     * Who keeps the copy: "This console (SHOP-PC), since 14:02:11", "mirror service on shop-server, since 08:02:00",
     * "console on till-2, since 14:02:11"; or why nobody is known.
     */
    public static String leader(MirrorHealth h, Instant now, ZoneId zone) {
        if (h.leader().isEmpty()) {
            return switch (h.state()) {
                case STOPPED -> "No mirror runs in this console";
                case STANDBY -> "Nobody: no console or mirror service copies the changes";
                default -> "Finding out…";
            };
        }
        MirrorHealth.Leader l = h.leader().get();
        String since = l.since() == null ? "" : ", since " + TimeFormat.time(l.since(), now, zone);
        if (l.isThisInstance()) {
            return "This console (" + l.host() + ")" + since;
        }
        String who = what(l);
        return Character.toUpperCase(who.charAt(0)) + who.substring(1) + since;
    }

    /** "mirror service on shop-server", "console on till-2", or, for an older ShopTwin, "ShopTwin on till-2". */
    static String what(MirrorHealth.Leader l) {
        return (l.kind() == MirrorHealth.Kind.SERVICE ? "mirror service on " : l.kind() == MirrorHealth.Kind.CONSOLE
                ? "console on " : "ShopTwin on ") + l.host();
    }

    /** In a sentence: "this console", "the mirror service on shop-server", "the console on till-2", "ShopTwin on till-2". */
    static String who(MirrorHealth.Leader l) {
        if (l.isThisInstance()) {
            return "this console";
        }
        return (l.kind() == null ? "" : "the ") + what(l);
    }

    /** How far behind, roughly, for a warning: "45 s", "12 min", "2 h", "3 d". */
    public static String behind(Duration d) {
        long s = d == null || d.isNegative() ? 0 : d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return (s / 3600) + " h";
        }
        return (s / 86_400) + " d";
    }

    /** An error line for the list, newest first: "14:03:22  MongoDB did not answer…", masked again to be sure. */
    public static String error(MirrorHealth.MirrorError e, Instant now, ZoneId zone) {
        return TimeFormat.time(e.at(), now, zone) + "  " + Secrets.maskAll(String.valueOf(e.message()));
    }

    /** The lag chart's unit for a largest lag of {@code maxSeconds}: seconds, minutes or hours, so its axis reads. */
    public enum LagUnit {
        SECONDS("s", 1), MINUTES("min", 60), HOURS("h", 3600);

        private final String label;
        private final double seconds;

        LagUnit(String label, double seconds) {
            this.label = label;
            this.seconds = seconds;
        }

        public static LagUnit forMax(double maxSeconds) {
            return maxSeconds < 120 ? SECONDS : maxSeconds < 2 * 3600 ? MINUTES : HOURS;
        }

        public double of(double lagSeconds) {
            return lagSeconds / seconds;
        }

        public String label() {
            return label;
        }
    }

    public static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
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
