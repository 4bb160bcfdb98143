package shoptwin.report;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import shoptwin.domain.ValidationException;

/**
 * The shop's days from {@code from} to {@code to}, both included. A day is the shop's: it starts at
 * midnight in the shop's time zone (so a day at the autumn clock change has 25 hours).
 */
public record TakingsPeriod(LocalDate from, LocalDate to) {
    /** Ten years of days at most: enough for any report, not enough to print forever. */
    public static final int MAX_DAYS = 3_660;

    public TakingsPeriod {
        if (from == null) {
            throw new ValidationException("from", "required", "Enter the first day, like 2026-11-01.");
        }
        if (to == null) {
            throw new ValidationException("to", "required", "Enter the last day, like 2026-11-30.");
        }
        if (to.isBefore(from)) {
            throw new ValidationException("to", "after_from", "The last day (" + to + ") is before the first day (" + from + ").");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new ValidationException("to", "max_days", "A report covers at most " + MAX_DAYS + " days.");
        }
    }

    /** Parses typed dates (ISO, 2026-11-01); the message names the field that is wrong. */
    public static TakingsPeriod parse(String from, String to) {
        return new TakingsPeriod(date("from", from), date("to", to));
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "date", "'" + text.strip() + "' is not a date: write it like 2026-11-01.");
        }
    }

    public static TakingsPeriod today(Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new TakingsPeriod(today, today);
    }

    /** Monday of this week through today. */
    public static TakingsPeriod thisWeek(Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new TakingsPeriod(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today);
    }

    /** The 1st of this month through today. */
    public static TakingsPeriod thisMonth(Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new TakingsPeriod(today.withDayOfMonth(1), today);
    }

    /** The first instant of the first day in the shop's zone. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the last day (exclusive). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
