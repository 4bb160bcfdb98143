package shoptwin.domain;

import java.util.List;
import java.util.regex.Pattern;

/** The field rules shared by customers, payments and the shop. Package-private on purpose. */
final class Rules {
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    /** Digits with the usual separators and an optional leading +; 6 to 15 digits (E.164). */
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]+$");

    private Rules() {
    }

    static String trim(String s) {
        return s == null ? null : s.strip();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static void requiredName(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required", label(field) + " is required."));
            return;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            errors.add(new FieldError(field, "max_length", label(field) + " must be at most " + max + " characters."));
        }
        if (hasControlCharacter(v, false)) {
            errors.add(new FieldError(field, "no_control_chars",
                    label(field) + " must not contain control characters (tabs, line breaks and the like)."));
        }
        if (hasLoneSurrogate(v)) {
            errors.add(new FieldError(field, "valid_text", label(field) + " contains an invalid character."));
        }
    }

    static void optionalText(String field, String value, int max, boolean allowLineBreaks, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            errors.add(new FieldError(field, "max_length", label(field) + " must be at most " + max + " characters."));
        }
        if (hasControlCharacter(v, allowLineBreaks)) {
            errors.add(new FieldError(field, "no_control_chars", label(field) + " must not contain control characters."));
        }
        if (hasLoneSurrogate(v)) {
            errors.add(new FieldError(field, "valid_text", label(field) + " contains an invalid character."));
        }
    }

    static void optionalPhone(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.strip();
        long digits = v.chars().filter(Character::isDigit).count();
        if (v.length() > max || !PHONE.matcher(v).matches() || digits < 6 || digits > 15) {
            errors.add(new FieldError(field, "phone_format",
                    label(field) + " must be a phone number: 6 to 15 digits, optionally starting with +."));
        }
    }

    static void optionalEmail(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return;
        }
        String v = value.strip();
        if (v.length() > max || !EMAIL.matcher(v).matches()) {
            errors.add(new FieldError(field, "email_format", label(field) + " must be an email address like name@example.com."));
        }
    }

    static boolean hasControlCharacter(String s, boolean allowLineBreaks) {
        return s.codePoints().anyMatch(cp -> {
            if (allowLineBreaks && (cp == '\n' || cp == '\r' || cp == '\t')) {
                return false;
            }
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.FORMAT && cp != 0x200D // keep ZWJ for emoji
                    || cp == 0x2028 || cp == 0x2029;
        });
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static String label(String field) {
        String l = field.replace('_', ' ');
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }
}
