package shoptwin.store;

import java.math.BigDecimal;
import java.time.Instant;
import shoptwin.domain.Customer;

/** A customer row of the list, with their payment totals. lastPaymentAt is null without payments. */
public record CustomerSummary(Customer customer, BigDecimal totalPaid, long paymentCount, Instant lastPaymentAt) {
}
