package shoptwin.store;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;

/**
 * What one payment method took on one of the shop's days: how many payments and their exact sum.
 * {@code day} is the date in the shop's time zone (a payment at 23:30 in Asia/Kolkata belongs to
 * that date, not to the UTC one). Only days and methods with payments have a row.
 */
public record TakingsRow(java.time.LocalDate day, PaymentMethod method, long count, BigDecimal total) {

    /** Groups payments by the shop's day and method, exactly (the stores that cannot ask SQL do it here). */
    public static List<TakingsRow> tally(Iterable<Payment> payments, ZoneId zone) {
        Map<java.time.LocalDate, Map<PaymentMethod, TakingsRow>> byDay = new TreeMap<>();
        for (Payment p : payments) {
            java.time.LocalDate day = p.paidAt().atZone(zone).toLocalDate();
            byDay.computeIfAbsent(day, d -> new TreeMap<>())
                    .merge(p.method(), new TakingsRow(day, p.method(), 1, p.amount()),
                            (a, b) -> new TakingsRow(day, a.method(), a.count() + b.count(), a.total().add(b.total())));
        }
        List<TakingsRow> rows = new ArrayList<>();
        byDay.values().forEach(m -> rows.addAll(m.values()));
        rows.sort(Comparator.comparing(TakingsRow::day).thenComparing(TakingsRow::method));
        return rows;
    }
}
