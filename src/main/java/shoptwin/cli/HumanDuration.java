package shoptwin.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A duration as people type it on a command line: {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d},
 * {@code 1h30m}, or ISO-8601 ({@code PT5M}). Anything else (a bare number, a negative or zero
 * duration) is refused with a message naming the option (picocli adds it: "Invalid value for option
 * '--max-lag'").
 */
final class HumanDuration implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (text.startsWith("p")) {
                d = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else if (WHOLE.matcher(text).matches()) {
                d = Duration.ZERO;
                Matcher m = PART.matcher(text);
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    d = d.plus(switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
                }
            } else {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write it with a unit,"
                        + " e.g. 90s, 5m, 2h or PT5M");
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: write it with a unit,"
                    + " e.g. 90s, 5m, 2h or PT5M");
        }
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be longer than zero, e.g. 5m");
        }
        return d;
    }
}
