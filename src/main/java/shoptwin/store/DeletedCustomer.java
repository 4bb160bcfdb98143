package shoptwin.store;

import java.util.UUID;

/** What a delete removed: the customer and how many payments went with them. */
public record DeletedCustomer(UUID id, int paymentsDeleted) {
}
