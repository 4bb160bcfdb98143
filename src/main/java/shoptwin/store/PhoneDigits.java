package shoptwin.store;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phones compared by their digits, the way people type them: "+917879085" finds "+91 78790 85...",
 * and an import recognises "+91 98765 43210" and "+919876543210" as one phone. Only ASCII 0-9 count
 * (PostgreSQL's filter removes {@code [^0-9]}, the backup's regular expression skips {@code [^0-9]*}),
 * so every store agrees.
 */
public final class PhoneDigits {
    /** What a typed phone number looks like: digits, an optional leading +, and the usual separators. */
    private static final Pattern PHONE_SHAPED = Pattern.compile("^\\+?[0-9 ()./-]+$");

    private PhoneDigits() {
    }

    /** The phone's digits; empty for null or a phone without digits. */
    public static String of(String phone) {
        if (phone == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The digits to look for when a search text is a phone number as typed ("+91 78790", "020-7946"),
     * else empty: a search for "asha 12" is no phone search.
     */
    public static Optional<String> searchDigits(String text) {
        if (text == null || !PHONE_SHAPED.matcher(text.strip()).matches()) {
            return Optional.empty();
        }
        String digits = of(text);
        return digits.isEmpty() ? Optional.empty() : Optional.of(digits);
    }
}
