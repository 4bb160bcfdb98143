package shoptwin.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;

/**
 * The one interface the console reads and writes through. The PostgreSQL store does both; the
 * MongoDB store reads the copy and refuses writes with {@link ReadOnlyStoreException}.
 *
 * <p>Every method may block on I/O: never call it on the JavaFX thread. Failures are
 * {@link StoreException}s: {@link shoptwin.domain.ValidationException} (nothing written),
 * {@link ConflictException} (someone else saved first), {@link NotFoundException},
 * {@link StoreUnavailableException} (cannot reach the database), {@link ReadOnlyStoreException}.
 */
public interface ShopStore extends AutoCloseable {

    /** Which database this is, for the status bar: "Supabase (db.abc.supabase.co)", never a password. */
    String describe();

    boolean isReadOnly();

    // ---- customers
    Page<CustomerSummary> searchCustomers(CustomerQuery query);

    Optional<Customer> getCustomer(UUID id);

    /**
     * Where a customer stands in the list {@code query} describes (its offset and limit aside): how many
     * customers come before it, or empty when it does not match the search. For the list to go to the
     * customer just saved. This default pages through the list, giving up after {@value #POSITION_SCAN_LIMIT}
     * customers; the PostgreSQL store counts in one query.
     */
    default java.util.OptionalLong customerPosition(CustomerQuery query, UUID id) {
        int at = 0;
        while (at < POSITION_SCAN_LIMIT) {
            Page<CustomerSummary> page = searchCustomers(new CustomerQuery(query.text(), query.sort(), query.ascending(), at,
                    CustomerQuery.MAX_LIMIT));
            for (int i = 0; i < page.items().size(); i++) {
                if (page.items().get(i).customer().id().equals(id)) {
                    return java.util.OptionalLong.of(at + (long) i);
                }
            }
            if (!page.hasNext() || page.items().isEmpty()) {
                break;
            }
            at += page.items().size();
        }
        return java.util.OptionalLong.empty();
    }

    /** How far {@link #customerPosition}'s default looks. */
    int POSITION_SCAN_LIMIT = 10_000;

    Customer createCustomer(CustomerDraft draft);

    /**
     * Saves the draft over the customer if its version is still {@code expectedVersion}; otherwise
     * throws {@link ConflictException} carrying the current row. Pass {@link #ANY_VERSION} to overwrite.
     */
    Customer updateCustomer(UUID id, long expectedVersion, CustomerDraft draft);

    /** How many payments would go with the customer: for the delete confirmation. */
    int countPayments(UUID customerId);

    /** Deletes the customer and, by cascade, their payments. */
    DeletedCustomer deleteCustomer(UUID id);

    /** Of these phone digits, e-mails and names (see {@link CustomerContacts}), the ones a customer already has. */
    CustomerContacts existingContacts(CustomerContacts candidates);

    /**
     * Creates the drafts (validated first: any invalid draft refuses the whole batch with a
     * {@link shoptwin.domain.ValidationException}) in one transaction, skipping each whose phone digits,
     * e-mail or name (see {@link CustomerContacts}) a customer already has or an earlier draft of the batch
     * has. All or nothing: on a failure no draft of the batch was written.
     */
    CreatedCustomers createCustomers(List<CustomerDraft> drafts);

    // ---- payments
    PaymentHistory listPayments(UUID customerId);

    Optional<Payment> getPayment(UUID id);

    /**
     * Payment counts and sums per shop day and method for the payments made in [from, to), the days
     * counted in {@code zone} (the shop's). Exact decimals; only days and methods with payments.
     */
    List<TakingsRow> takings(Instant from, Instant to, ZoneId zone);

    Payment createPayment(PaymentDraft draft);

    Payment updatePayment(UUID id, long expectedVersion, PaymentDraft draft);

    void deletePayment(UUID id);

    // ---- the shop's one row
    Optional<Shop> getShop();

    /** Creates the row if there is none, else updates it if still at {@code expectedVersion}. */
    Shop saveShop(long expectedVersion, ShopDraft draft);

    /** Version to pass when the user chose to overwrite another person's change. */
    long ANY_VERSION = -1;

    @Override
    void close();
}
