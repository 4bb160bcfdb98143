package shoptwin.ui.common;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import shoptwin.domain.Money;
import shoptwin.domain.Shop;

/** How amounts and dates are shown: in the shop's currency and the shop's time zone. */
public record ShopFormat(String currency, ZoneId zone, Locale locale) {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

    public static ShopFormat defaults() {
        return new ShopFormat("USD", ZoneId.systemDefault(), Locale.getDefault());
    }

    public static ShopFormat of(Shop shop) {
        if (shop == null) {
            return defaults();
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(shop.timezone());
        } catch (DateTimeException | NullPointerException e) {
            zone = ZoneId.systemDefault();
        }
        return new ShopFormat(shop.currency() == null ? "USD" : shop.currency(), zone, Locale.getDefault());
    }

    public String money(BigDecimal amount) {
        return Money.format(amount, currency, locale);
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.withLocale(locale).format(instant.atZone(zone));
    }

    /** A shop day, "14 Nov 2025". */
    public String day(LocalDate day) {
        return day == null ? "" : DATE.withLocale(locale).format(day);
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.withLocale(locale).format(instant.atZone(zone));
    }

    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public String count(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** ISO date-time with offset for files: unambiguous for spreadsheets and people. */
    public String isoDateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).withNano(
                instant.atZone(zone).getNano() / 1_000_000 * 1_000_000));
    }

}
