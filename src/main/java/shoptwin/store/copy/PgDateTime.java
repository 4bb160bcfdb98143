package shoptwin.store.copy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;

/**
 * PostgreSQL's date, timestamp and timestamptz as a row image renders them ({@code to_jsonb}: ISO 8601 with
 * a {@code T}, years of more than four digits, a {@code " BC"} suffix, {@code infinity}), to and from the
 * copy's values, and back to text PostgreSQL accepts. Dates are proleptic Gregorian on both sides (as
 * PostgreSQL's and java.time's are) with astronomical year numbering in the copy (1 BC is year 0).
 * Parsed by hand: it runs for every timestamp of every change the mirror copies.
 */
final class PgDateTime {
    /** 'infinity' and '-infinity' in the copy: the largest and smallest BSON dates. */
    static final Date INFINITY = new Date(Long.MAX_VALUE);
    static final Date MINUS_INFINITY = new Date(Long.MIN_VALUE);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private PgDateTime() {
    }

    /** Thrown for text that is not the rendering expected (a value captured before its column was retyped). */
    static final class NotATimestamp extends IllegalArgumentException {
        NotATimestamp(String text) {
            super("not a PostgreSQL date/time: " + text);
        }
    }

    // ------------------------------------------------------------------ row image → copy

    /** A date: a Date at 00:00 UTC of that day. */
    static Date date(String text) {
        Date special = infinity(text);
        if (special != null) {
            return special;
        }
        Cursor c = new Cursor(text);
        c.date();
        c.bc();
        c.end();
        return new Date(c.epochDay() * MILLIS_PER_DAY);
    }

    /** A timestamptz: a Date when it is a whole millisecond, else the exact UTC instant as ISO 8601 text with its microseconds. */
    static Object timestamptz(String text) {
        Date special = infinity(text);
        if (special != null) {
            return special;
        }
        Instant t = instant(text, true);
        if (t.getNano() % 1_000_000 == 0) {
            return new Date(t.toEpochMilli());
        }
        return t.toString();
    }

    /** A timestamp without time zone: read as if UTC; a Date when a whole millisecond, else ISO 8601 text without a zone. */
    static Object timestamp(String text) {
        Date special = infinity(text);
        if (special != null) {
            return special;
        }
        Instant t = instant(text, false);
        if (t.getNano() % 1_000_000 == 0) {
            return new Date(t.toEpochMilli());
        }
        return LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC).toString();
    }

    private static Date infinity(String text) {
        if (text.equals("infinity")) {
            return INFINITY;
        }
        return text.equals("-infinity") ? MINUS_INFINITY : null;
    }

    /**
     * The instant (UTC) of a rendered timestamp; {@code zoned}: it ends with an offset. (Not epoch microseconds
     * in a long: PostgreSQL's last timestamp, 294276 AD, is past them.)
     */
    static Instant instant(String text, boolean zoned) {
        Cursor c = new Cursor(text);
        c.date();
        c.expect('T', ' ');
        long seconds = c.digits(2) * 3600L;
        c.expect(':');
        seconds += c.digits(2) * 60L;
        c.expect(':');
        seconds += c.digits(2);
        long micros = c.fraction();
        if (zoned) {
            seconds -= c.offset();
        }
        c.bc();
        c.end();
        return Instant.ofEpochSecond(c.epochDay() * 86_400L + seconds, micros * 1000L);
    }

    // ------------------------------------------------------------------ copy → PostgreSQL input text

    /** The copy's date as {@code YYYY-MM-DD} ({@code " BC"} before year 1), or infinity. */
    static String dateText(Object value) {
        if (value instanceof Date d) {
            String special = infinityText(d);
            return special != null ? special : dayText(LocalDate.ofEpochDay(Math.floorDiv(d.getTime(), MILLIS_PER_DAY)), "");
        }
        return value.toString();
    }

    /** The copy's timestamptz (a Date, or the ISO instant text of a value with microseconds) as PostgreSQL input, in UTC. */
    static String timestamptzText(Object value) {
        if (value instanceof Date d) {
            String special = infinityText(d);
            return special != null ? special : timestampText(d.toInstant(), "+00");
        }
        String s = value.toString();
        if (s.endsWith("Z") && s.indexOf('T') > 0) {
            return timestampText(Instant.parse(s), "+00");
        }
        return s;
    }

    /** The copy's timestamp (a Date read as UTC, or ISO text without a zone) as PostgreSQL input. */
    static String timestampText(Object value) {
        if (value instanceof Date d) {
            String special = infinityText(d);
            return special != null ? special : timestampText(d.toInstant(), "");
        }
        String s = value.toString();
        if (s.indexOf('T') > 0 && !s.endsWith("Z")) {
            return timestampText(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC), "");
        }
        return s;
    }

    private static String infinityText(Date d) {
        if (d.getTime() == Long.MAX_VALUE) {
            return "infinity";
        }
        return d.getTime() == Long.MIN_VALUE ? "-infinity" : null;
    }

    // built by hand, not with String.format: a bulk restore writes three of these per payment, a million payments
    private static String timestampText(Instant t, String zone) {
        long day = Math.floorDiv(t.getEpochSecond(), 86_400L);
        long secs = Math.floorMod(t.getEpochSecond(), 86_400L);
        StringBuilder time = new StringBuilder(24).append(' ');
        pad(time, secs / 3600, 2).append(':');
        pad(time, secs / 60 % 60, 2).append(':');
        pad(time, secs % 60, 2).append('.');
        pad(time, t.getNano() / 1000, 6).append(zone);
        return dayText(LocalDate.ofEpochDay(day), time.toString());
    }

    private static String dayText(LocalDate d, String time) {
        int year = d.getYear();
        boolean bc = year <= 0;
        StringBuilder sb = new StringBuilder(40);
        pad(sb, bc ? 1 - year : year, 4).append('-');
        pad(sb, d.getMonthValue(), 2).append('-');
        pad(sb, d.getDayOfMonth(), 2).append(time);
        return bc ? sb.append(" BC").toString() : sb.toString();
    }

    /** {@code value} (not negative) with leading zeros to {@code width} digits, as {@code %0Nd} writes it. */
    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    /** Reads a rendering left to right; any surprise is a {@link NotATimestamp}. */
    private static final class Cursor {
        private final String s;
        private int i;
        private boolean bc;
        private int year;
        private int month;
        private int dayOfMonth;

        Cursor(String s) {
            this.s = s;
        }

        /** {@code Y+-MM-DD}, the year as written (a " BC" suffix comes at the end). */
        void date() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i - start < 4 || i - start > 9) {
                throw new NotATimestamp(s);
            }
            year = Integer.parseInt(s, start, i, 10);
            expect('-');
            month = digits(2);
            expect('-');
            dayOfMonth = digits(2);
        }

        /** Days since 1970-01-01; year y BC is astronomical year 1 - y. */
        long epochDay() {
            try {
                return LocalDate.of(bc ? 1 - year : year, month, dayOfMonth).toEpochDay();
            } catch (java.time.DateTimeException e) {
                throw new NotATimestamp(s);
            }
        }

        int digits(int n) {
            if (i + n > s.length()) {
                throw new NotATimestamp(s);
            }
            int v = 0;
            for (int k = 0; k < n; k++) {
                char ch = s.charAt(i++);
                if (ch < '0' || ch > '9') {
                    throw new NotATimestamp(s);
                }
                v = v * 10 + (ch - '0');
            }
            return v;
        }

        void expect(char... any) {
            if (i < s.length()) {
                for (char ch : any) {
                    if (s.charAt(i) == ch) {
                        i++;
                        return;
                    }
                }
            }
            throw new NotATimestamp(s);
        }

        /** An optional {@code .f{1,6}} as microseconds. */
        long fraction() {
            if (i >= s.length() || s.charAt(i) != '.') {
                return 0;
            }
            i++;
            long v = 0;
            int n = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                if (++n > 6) {
                    throw new NotATimestamp(s);
                }
                v = v * 10 + (s.charAt(i++) - '0');
            }
            if (n == 0) {
                throw new NotATimestamp(s);
            }
            for (; n < 6; n++) {
                v *= 10;
            }
            return v;
        }

        /** {@code ±HH[:MM[:SS]]} in seconds east of UTC. */
        int offset() {
            if (i >= s.length() || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
                throw new NotATimestamp(s);
            }
            int sign = s.charAt(i++) == '-' ? -1 : 1;
            int seconds = digits(2) * 3600;
            if (i < s.length() && s.charAt(i) == ':') {
                i++;
                seconds += digits(2) * 60;
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                    seconds += digits(2);
                }
            }
            return sign * seconds;
        }

        void bc() {
            if (s.startsWith(" BC", i)) {
                bc = true;
                i += 3;
            }
        }

        void end() {
            if (i != s.length()) {
                throw new NotATimestamp(s);
            }
        }
    }
}
