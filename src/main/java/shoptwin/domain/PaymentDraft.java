package shoptwin.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A payment as typed. The amount stays text until validated so that "12.345", "abc" or "NaN"
 * can be refused with a message instead of failing in a parser somewhere.
 */
public record PaymentDraft(
        UUID customerId, String amount, PaymentMethod method, String reference, String note, Instant paidAt) {

    public static final int REFERENCE_MAX = 100;
    public static final int NOTE_MAX = 500;

    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (customerId == null) {
            errors.add(new FieldError("customer_id", "required", "Choose the customer who paid."));
        }
        Money.parseAmount("amount", amount, errors);
        if (method == null) {
            errors.add(new FieldError("method", "required", "Choose how the customer paid."));
        }
        Rules.optionalText("reference", reference, REFERENCE_MAX, false, errors);
        Rules.optionalText("note", note, NOTE_MAX, true, errors);
        if (paidAt == null) {
            errors.add(new FieldError("paid_at", "required", "Enter when the payment was made."));
        } else if (paidAt.isAfter(Instant.now().plus(1, ChronoUnit.DAYS))) {
            errors.add(new FieldError("paid_at", "not_future", "A payment date cannot be in the future."));
        } else if (paidAt.isBefore(Instant.parse("1900-01-01T00:00:00Z"))) {
            errors.add(new FieldError("paid_at", "range", "A payment date must be after 1900."));
        }
        return errors;
    }

    /** The amount as a number with scale 2; call after {@link #validated()}. */
    public BigDecimal amountValue() {
        List<FieldError> errors = new ArrayList<>();
        BigDecimal value = Money.parseAmount("amount", amount, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return value;
    }

    public PaymentDraft validated() {
        List<FieldError> errors = errors();
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new PaymentDraft(customerId, amountValue().toPlainString(), method,
                Rules.blankToNull(reference), Rules.blankToNull(note), paidAt.truncatedTo(ChronoUnit.MILLIS));
    }
}
