package shoptwin.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A stored payment by a customer. */
public record Payment(
        UUID id,
        UUID customerId,
        BigDecimal amount,
        PaymentMethod method,
        String reference,
        String note,
        Instant paidAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public PaymentDraft toDraft() {
        return new PaymentDraft(customerId, amount.toPlainString(), method, reference, note, paidAt);
    }
}
