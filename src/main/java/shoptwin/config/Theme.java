package shoptwin.config;

import java.util.Locale;
import java.util.Optional;

/** The console's colour scheme. */
public enum Theme {
    LIGHT,
    DARK;

    public static Optional<Theme> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "light" -> Optional.of(LIGHT);
            case "dark" -> Optional.of(DARK);
            default -> Optional.empty();
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
