package shoptwin.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a payment was made; the code is what the database and the copy store. */
public enum PaymentMethod {
    CASH("cash", "Cash"),
    CARD("card", "Card"),
    UPI("upi", "UPI"),
    BANK_TRANSFER("bank_transfer", "Bank transfer"),
    OTHER("other", "Other");

    private final String code;
    private final String label;

    PaymentMethod(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<PaymentMethod> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.code.equals(c)).findFirst();
    }
}
