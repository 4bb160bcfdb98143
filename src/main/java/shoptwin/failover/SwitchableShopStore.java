package shoptwin.failover;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.Page;
import shoptwin.store.PaymentHistory;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreUnavailableException;

/**
 * The store every screen holds: it forwards each call to the store of the current mode (Supabase or
 * the MongoDB backup), so a switch takes effect on the next call without rebuilding any screen.
 * A call that fails for lack of a connection is reported to the connection monitor at once.
 * Closing it closes nothing: the application context owns both stores.
 */
public final class SwitchableShopStore implements ShopStore {
    private final Failover failover;

    SwitchableShopStore(Failover failover) {
        this.failover = failover;
    }

    /** The store calls go to right now. */
    public ShopStore current() {
        return failover.currentStore();
    }

    public StoreMode mode() {
        return failover.mode();
    }

    private <T> T call(Supplier<T> work) {
        StoreMode mode = failover.mode();
        try {
            return work.get();
        } catch (StoreUnavailableException e) {
            failover.reportUnavailable(mode, e);
            throw e;
        }
    }

    private void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public String describe() {
        return current().describe();
    }

    @Override
    public boolean isReadOnly() {
        return current().isReadOnly();
    }

    @Override
    public Page<CustomerSummary> searchCustomers(CustomerQuery query) {
        ShopStore s = current();
        return call(() -> s.searchCustomers(query));
    }

    @Override
    public java.util.OptionalLong customerPosition(CustomerQuery query, UUID id) {
        ShopStore s = current();
        return call(() -> s.customerPosition(query, id));
    }

    @Override
    public Optional<Customer> getCustomer(UUID id) {
        ShopStore s = current();
        return call(() -> s.getCustomer(id));
    }

    @Override
    public Customer createCustomer(CustomerDraft draft) {
        ShopStore s = current();
        return call(() -> s.createCustomer(draft));
    }

    @Override
    public Customer updateCustomer(UUID id, long expectedVersion, CustomerDraft draft) {
        ShopStore s = current();
        return call(() -> s.updateCustomer(id, expectedVersion, draft));
    }

    @Override
    public int countPayments(UUID customerId) {
        ShopStore s = current();
        return call(() -> s.countPayments(customerId));
    }

    @Override
    public DeletedCustomer deleteCustomer(UUID id) {
        ShopStore s = current();
        return call(() -> s.deleteCustomer(id));
    }

    @Override
    public shoptwin.store.CustomerContacts existingContacts(shoptwin.store.CustomerContacts candidates) {
        ShopStore s = current();
        return call(() -> s.existingContacts(candidates));
    }

    @Override
    public shoptwin.store.CreatedCustomers createCustomers(java.util.List<CustomerDraft> drafts) {
        ShopStore s = current();
        return call(() -> s.createCustomers(drafts));
    }

    @Override
    public Optional<Payment> getPayment(UUID id) {
        ShopStore s = current();
        return call(() -> s.getPayment(id));
    }

    @Override
    public java.util.List<shoptwin.store.TakingsRow> takings(java.time.Instant from, java.time.Instant to,
            java.time.ZoneId zone) {
        ShopStore s = current();
        return call(() -> s.takings(from, to, zone));
    }

    @Override
    public PaymentHistory listPayments(UUID customerId) {
        ShopStore s = current();
        return call(() -> s.listPayments(customerId));
    }

    @Override
    public Payment createPayment(PaymentDraft draft) {
        ShopStore s = current();
        return call(() -> s.createPayment(draft));
    }

    @Override
    public Payment updatePayment(UUID id, long expectedVersion, PaymentDraft draft) {
        ShopStore s = current();
        return call(() -> s.updatePayment(id, expectedVersion, draft));
    }

    @Override
    public void deletePayment(UUID id) {
        ShopStore s = current();
        run(() -> s.deletePayment(id));
    }

    @Override
    public Optional<Shop> getShop() {
        ShopStore s = current();
        return call(() -> s.getShop());
    }

    @Override
    public Shop saveShop(long expectedVersion, ShopDraft draft) {
        ShopStore s = current();
        return call(() -> s.saveShop(expectedVersion, draft));
    }

    @Override
    public void close() {
        // the stores belong to the application context, which closes them
    }

    @Override
    public String toString() {
        return "SwitchableShopStore[" + describe() + "]";
    }
}
