package shoptwin.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** Amounts as the database holds them: numeric(12,2), positive. */
public final class Money {
    /** numeric(12,2) holds at most 10 digits before the point. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

    private Money() {
    }

    /**
     * Parses a typed amount. Refuses blank, non-numbers (NaN, Infinity, "1e3"), zero, negatives,
     * more than two decimals and anything numeric(12,2) cannot hold. Returns null after adding an error.
     */
    static BigDecimal parseAmount(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "required", "Enter an amount."));
            return null;
        }
        String t = text.trim().replace(",", "");
        if (!t.matches("[+-]?[0-9]{1,20}(\\.[0-9]{0,20})?|[+-]?\\.[0-9]{1,20}")) {
            errors.add(new FieldError(field, "number", "Amount must be a number like 12.50."));
            return null;
        }
        BigDecimal value = new BigDecimal(t);
        if (value.signum() <= 0) {
            errors.add(new FieldError(field, "positive", "Amount must be greater than zero."));
            return null;
        }
        if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError(field, "decimals", "Amount can have at most 2 decimals."));
            return null;
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldError(field, "max", "Amount must be at most 9,999,999,999.99."));
            return null;
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** "₹1,250.00", "$12.50": the amount in the shop's currency for display. */
    public static String format(BigDecimal amount, String currencyCode, Locale locale) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        try {
            f.setCurrency(Currency.getInstance(currencyCode == null ? "USD" : currencyCode));
        } catch (IllegalArgumentException e) {
            f.setCurrency(Currency.getInstance("USD"));
        }
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(amount == null ? BigDecimal.ZERO : amount);
    }
}
