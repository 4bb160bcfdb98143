package shoptwin.store;

import java.util.List;
import java.util.Set;
import shoptwin.domain.Customer;

/**
 * What one {@link ShopStore#createCustomers} batch did: the customers it created, in the drafts'
 * order, and the positions (0-based, in the batch) of the drafts it skipped because a customer with the
 * same phone digits, e-mail or (without either) name existed already or came earlier in the batch.
 */
public record CreatedCustomers(List<Customer> created, Set<Integer> skippedAsDuplicates) {
    public CreatedCustomers {
        created = List.copyOf(created);
        skippedAsDuplicates = Set.copyOf(skippedAsDuplicates);
    }
}
