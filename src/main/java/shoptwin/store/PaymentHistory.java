package shoptwin.store;

import java.math.BigDecimal;
import java.util.List;
import shoptwin.domain.Payment;

/** A customer's payments, newest first, with their total. */
public record PaymentHistory(List<Payment> payments, BigDecimal total) {
    public PaymentHistory {
        payments = List.copyOf(payments);
    }

    public int count() {
        return payments.size();
    }
}
