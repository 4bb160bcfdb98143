package shoptwin.domain;

import java.util.Objects;

/** One refused field: which field, which rule, and a sentence a shop owner understands. */
public record FieldError(String field, String rule, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
