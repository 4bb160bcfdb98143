package shoptwin.store.postgres;

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
import shoptwin.store.ConflictException;
import shoptwin.store.CreatedCustomers;
import shoptwin.store.CustomerContacts;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.Page;
import shoptwin.store.PaymentHistory;
import shoptwin.store.ShopStore;
import shoptwin.store.Staff;
import shoptwin.store.TakingsRow;

/**
 * The primary store: Supabase (PostgreSQL) over the {@link Database}'s pool. Each table's SQL has
 * one owner ({@link CustomersTable}, {@link PaymentsTable}, {@link ShopTable}), each call one
 * transaction ({@link Transactions}); this class is the {@link ShopStore} the console holds.
 * Saves are optimistic: an update names the version it started from and fails with
 * {@link ConflictException} (carrying the current row) when someone else saved first. Drafts are
 * validated before any SQL runs. Change capture is the database's job (triggers), so nothing here
 * knows about the mirror.
 */
public final class PostgresShopStore implements ShopStore {
    private final Database database;
    private final boolean ownsDatabase;
    private final CustomersTable customers;
    private final PaymentsTable payments;
    private final ShopTable shop;
    /** Who the console's writes are recorded as (Settings; the computer's user and host by default). */
    private volatile Staff staff = Staff.ofThisComputer(Staff.CONSOLE);

    /** A store over a database someone else closes. */
    public PostgresShopStore(Database database) {
        this(database, false);
    }

    /** @param ownsDatabase close the database (its pool) when the store is closed */
    public PostgresShopStore(Database database, boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        Transactions tx = new Transactions(database, () -> staff);
        this.customers = new CustomersTable(tx);
        this.payments = new PaymentsTable(tx);
        this.shop = new ShopTable(tx);
    }

    public Database database() {
        return database;
    }

    /** From now on, this store's writes are recorded as made by {@code staff} (the change log's actor). */
    public void setStaff(Staff staff) {
        this.staff = java.util.Objects.requireNonNull(staff, "staff");
    }

    public Staff staff() {
        return staff;
    }

    @Override
    public String describe() {
        return database.describe();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    // ---- customers

    @Override
    public Page<CustomerSummary> searchCustomers(CustomerQuery query) {
        return customers.search(query);
    }

    @Override
    public java.util.OptionalLong customerPosition(CustomerQuery query, UUID id) {
        return customers.position(query, id);
    }

    @Override
    public Optional<Customer> getCustomer(UUID id) {
        return customers.get(id);
    }

    @Override
    public Customer createCustomer(CustomerDraft draft) {
        return customers.create(draft);
    }

    @Override
    public Customer updateCustomer(UUID id, long expectedVersion, CustomerDraft draft) {
        return customers.update(id, expectedVersion, draft);
    }

    @Override
    public int countPayments(UUID customerId) {
        return customers.countPayments(customerId);
    }

    @Override
    public DeletedCustomer deleteCustomer(UUID id) {
        return customers.delete(id);
    }

    @Override
    public CustomerContacts existingContacts(CustomerContacts candidates) {
        return customers.existingContacts(candidates);
    }

    @Override
    public CreatedCustomers createCustomers(List<CustomerDraft> drafts) {
        return customers.createAll(drafts);
    }

    // ---- payments

    @Override
    public Optional<Payment> getPayment(UUID id) {
        return payments.get(id);
    }

    @Override
    public List<TakingsRow> takings(Instant from, Instant to, ZoneId zone) {
        return payments.takings(from, to, zone);
    }

    @Override
    public PaymentHistory listPayments(UUID customerId) {
        return payments.list(customerId);
    }

    @Override
    public Payment createPayment(PaymentDraft draft) {
        return payments.create(draft);
    }

    @Override
    public Payment updatePayment(UUID id, long expectedVersion, PaymentDraft draft) {
        return payments.update(id, expectedVersion, draft);
    }

    @Override
    public void deletePayment(UUID id) {
        payments.delete(id);
    }

    // ---- the shop's one row

    @Override
    public Optional<Shop> getShop() {
        return shop.get();
    }

    @Override
    public Shop saveShop(long expectedVersion, ShopDraft draft) {
        return shop.save(expectedVersion, draft);
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }
}
