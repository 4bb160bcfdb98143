package shoptwin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.ShopStore;
import shoptwin.store.TakingsRow;

/**
 * Daily takings over a period: for every day (days without payments too, with zeros, so a chart and a
 * spreadsheet show the quiet days), the count and sum per payment method and the day's total, and the
 * period's totals. Exact decimals throughout: amounts have two decimals and are never floating point.
 */
public record Takings(TakingsPeriod period, ZoneId zone, List<Day> days, Map<PaymentMethod, MethodTotal> byMethod,
                      MethodTotal total) {
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    public Takings {
        days = List.copyOf(days);
        byMethod = Map.copyOf(byMethod);
    }

    public record MethodTotal(long count, BigDecimal total) {
        static final MethodTotal NONE = new MethodTotal(0, ZERO);

        MethodTotal plus(long n, BigDecimal amount) {
            return new MethodTotal(count + n, total.add(amount).setScale(2));
        }
    }

    /** One of the shop's days: every method present (zero when nothing was paid that way). */
    public record Day(LocalDate date, Map<PaymentMethod, MethodTotal> byMethod, MethodTotal total) {
        public Day {
            byMethod = Map.copyOf(byMethod);
        }

        public MethodTotal method(PaymentMethod m) {
            return byMethod.getOrDefault(m, MethodTotal.NONE);
        }
    }

    /** Reads the period from the store, days counted in the shop's zone. */
    public static Takings read(ShopStore store, TakingsPeriod period, ZoneId zone) {
        return of(period, zone, store.takings(period.start(zone), period.end(zone), zone));
    }

    public static Takings of(TakingsPeriod period, ZoneId zone, List<TakingsRow> rows) {
        Map<LocalDate, List<TakingsRow>> byDay = new HashMap<>();
        for (TakingsRow r : rows) {
            byDay.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r);
        }
        List<Day> days = new ArrayList<>();
        Map<PaymentMethod, MethodTotal> periodByMethod = zeros();
        MethodTotal periodTotal = MethodTotal.NONE;
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            Map<PaymentMethod, MethodTotal> m = zeros();
            MethodTotal dayTotal = MethodTotal.NONE;
            for (TakingsRow r : byDay.getOrDefault(d, List.of())) {
                m.merge(r.method(), new MethodTotal(r.count(), r.total()), (a, b) -> a.plus(b.count(), b.total()));
                periodByMethod.merge(r.method(), new MethodTotal(r.count(), r.total()), (a, b) -> a.plus(b.count(), b.total()));
                dayTotal = dayTotal.plus(r.count(), r.total());
            }
            periodTotal = periodTotal.plus(dayTotal.count(), dayTotal.total());
            days.add(new Day(d, m, dayTotal));
        }
        return new Takings(period, zone, days, periodByMethod, periodTotal);
    }

    private static Map<PaymentMethod, MethodTotal> zeros() {
        Map<PaymentMethod, MethodTotal> m = new EnumMap<>(PaymentMethod.class);
        for (PaymentMethod p : PaymentMethod.values()) {
            m.put(p, MethodTotal.NONE);
        }
        return m;
    }

    public MethodTotal method(PaymentMethod m) {
        return byMethod.getOrDefault(m, MethodTotal.NONE);
    }

    /**
     * {@code {"days": [{"date": "2026-11-01", "by_method": {"cash": {"count": 2, "total": "120.50"}, ...},
     * "total": "120.50"}], "total": "..."}}: every method under by_method, amounts as exact decimal strings.
     */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode array = root.putArray("days");
        for (Day d : days) {
            ObjectNode day = array.addObject();
            day.put("date", d.date().toString());
            ObjectNode methods = day.putObject("by_method");
            for (PaymentMethod m : PaymentMethod.values()) {
                ObjectNode entry = methods.putObject(m.code());
                entry.put("count", d.method(m).count());
                entry.put("total", d.method(m).total().toPlainString());
            }
            day.put("total", d.total().total().toPlainString());
        }
        root.put("total", total.total().toPlainString());
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain table for the terminal, amounts as exact decimals in {@code currency}. */
    public String toText(String currency) {
        StringBuilder b = new StringBuilder();
        b.append("Takings ").append(period.from()).append(" to ").append(period.to()).append(" (").append(zone.getId())
                .append(", ").append(currency).append(")\n");
        String format = "%-10s" + " %14s".repeat(PaymentMethod.values().length) + " %14s%n";
        List<Object> header = new ArrayList<>(List.of("date"));
        for (PaymentMethod m : PaymentMethod.values()) {
            header.add(m.label());
        }
        header.add("total");
        b.append(String.format(java.util.Locale.ROOT, format, header.toArray()));
        for (Day d : days) {
            List<Object> row = new ArrayList<>(List.of(d.date().toString()));
            for (PaymentMethod m : PaymentMethod.values()) {
                row.add(d.method(m).total().toPlainString());
            }
            row.add(d.total().total().toPlainString());
            b.append(String.format(java.util.Locale.ROOT, format, row.toArray()));
        }
        List<Object> sum = new ArrayList<>(List.of("total"));
        for (PaymentMethod m : PaymentMethod.values()) {
            sum.add(method(m).total().toPlainString());
        }
        sum.add(total.total().toPlainString());
        b.append(String.format(java.util.Locale.ROOT, format, sum.toArray()));
        b.append(total.count()).append(total.count() == 1 ? " payment" : " payments").append(" over ").append(period.days())
                .append(period.days() == 1 ? " day" : " days").append('\n');
        return b.toString();
    }
}
