package shoptwin.store;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import shoptwin.domain.Payment;

/**
 * A customer's payments, newest first, with their total. On the backup, {@code waiting} holds the payments
 * made or changed during the outage that wait for Supabase (the screen marks them); elsewhere it is empty.
 */
public record PaymentHistory(List<Payment> payments, BigDecimal total, Set<UUID> waiting) {
    public PaymentHistory {
        payments = List.copyOf(payments);
        waiting = waiting == null ? Set.of() : Set.copyOf(waiting);
    }

    public PaymentHistory(List<Payment> payments, BigDecimal total) {
        this(payments, total, Set.of());
    }

    public int count() {
        return payments.size();
    }

    /** This payment was made or changed on the backup and is not in Supabase yet. */
    public boolean isWaiting(Payment p) {
        return waiting.contains(p.id());
    }
}
