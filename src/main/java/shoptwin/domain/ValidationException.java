package shoptwin.domain;

import java.util.List;
import java.util.stream.Collectors;

/** Input refused before anything was written. Carries every field error, not just the first. */
public class ValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String rule, String message) {
        this(List.of(new FieldError(field, rule, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean hasErrorFor(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }
}
