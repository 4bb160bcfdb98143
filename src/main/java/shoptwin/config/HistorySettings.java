package shoptwin.config;

import java.util.Optional;

/**
 * The backup's history (docs/history.md): how many days old versions are kept ({@code SHOPTWIN_HISTORY_DAYS},
 * default 90; the latest version of every live row is always kept), and the name this console's changes are
 * recorded under ({@code SHOPTWIN_STAFF_NAME}; empty: the computer's user name, with the computer's name).
 */
public record HistorySettings(int days, Optional<String> staffName) {
    public static final int DEFAULT_DAYS = 90;
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    public HistorySettings {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between " + MIN_DAYS + " and " + MAX_DAYS);
        }
        staffName = staffName == null ? Optional.empty() : staffName.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The longest staff name: every change a person makes carries it. */
    public static final int MAX_NAME = 100;

    /** A staff name as typed: trimmed; refused (IllegalArgumentException, a sentence) when empty, too long or with control characters. */
    public static String validStaffName(String typed) {
        String n = typed == null ? "" : typed.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("Your name is required: it is recorded with every change you make.");
        }
        if (n.length() > MAX_NAME) {
            throw new IllegalArgumentException("Your name must be at most " + MAX_NAME + " characters.");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Your name must not contain control characters (tabs, line breaks).");
        }
        return n;
    }

    public static HistorySettings defaults() {
        return new HistorySettings(DEFAULT_DAYS, Optional.empty());
    }

    public java.time.Duration retention() {
        return java.time.Duration.ofDays(days);
    }
}
