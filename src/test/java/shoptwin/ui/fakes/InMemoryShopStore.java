package shoptwin.ui.fakes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.ConflictException;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.NotFoundException;
import shoptwin.store.Page;
import shoptwin.store.PaymentHistory;
import shoptwin.store.PhoneDigits;
import shoptwin.store.CreatedCustomers;
import shoptwin.store.CustomerContacts;
import shoptwin.store.TakingsRow;
import shoptwin.store.ShopStore;

/**
 * A ShopStore in memory for view-model and UI tests, with the real store's rules: drafts are
 * validated, versions are bumped on every update and compared (ConflictException carries the
 * current row), deletes cascade, searches are case-insensitive over name, phone and email.
 */
public final class InMemoryShopStore implements ShopStore {
    private final Map<UUID, Customer> customers = new LinkedHashMap<>();
    private final Map<UUID, Payment> payments = new LinkedHashMap<>();
    private Shop shop;
    private Instant clock = Instant.parse("2026-01-01T09:00:00Z");
    private final AtomicInteger searches = new AtomicInteger();
    private volatile RuntimeException nextFailure;
    private volatile String description = "In-memory test store";
    private volatile boolean readOnly;

    @Override
    public String describe() {
        return description;
    }

    /** Names this store for the status bar (a primary and a backup in one test). */
    public InMemoryShopStore describedAs(String description) {
        this.description = description;
        return this;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Says it is read-only (a backup without the outage journal); its writes still work, as the test needs. */
    public InMemoryShopStore readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    /** How many searches ran: debounce tests count round trips. */
    public int searchCount() {
        return searches.get();
    }

    /** The next store call throws this (a database that is down, say). */
    public void failNextCall(RuntimeException failure) {
        nextFailure = failure;
    }

    private void maybeFail() {
        RuntimeException f = nextFailure;
        if (f != null) {
            nextFailure = null;
            throw f;
        }
    }

    private Instant now() {
        clock = clock.plus(1, ChronoUnit.MILLIS);
        return clock;
    }

    // ---- customers

    @Override
    public synchronized Page<CustomerSummary> searchCustomers(CustomerQuery q) {
        searches.incrementAndGet();
        maybeFail();
        String needle = q.text().toLowerCase(Locale.ROOT);
        Optional<String> digits = PhoneDigits.searchDigits(q.text());
        Comparator<Customer> order = switch (q.sort()) {
            case NAME -> Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT));
            case PHONE -> Comparator.comparing(Customer::phone, Comparator.nullsFirst(Comparator.naturalOrder()));
            case EMAIL -> Comparator.comparing(Customer::email, Comparator.nullsFirst(Comparator.naturalOrder()));
            case CREATED_AT -> Comparator.comparing(Customer::createdAt);
            case UPDATED_AT -> Comparator.comparing(Customer::updatedAt);
            case TOTAL_PAID -> Comparator.comparing(c -> summary(c).totalPaid());
            case LAST_PAID -> Comparator.comparing(c -> summary(c).lastPaymentAt(), Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        // ties by id in the sort's direction, as both real stores order them
        order = order.thenComparing(c -> c.id().toString());
        if (!q.ascending()) {
            order = order.reversed();
        }
        List<Customer> matching = customers.values().stream()
                .filter(c -> needle.isEmpty() || contains(c.name(), needle) || contains(c.phone(), needle) || contains(c.email(), needle)
                        || digits.isPresent() && PhoneDigits.of(c.phone()).contains(digits.get()))
                .sorted(order)
                .toList();
        List<CustomerSummary> items = matching.stream().skip(q.offset()).limit(q.limit()).map(this::summary).toList();
        return new Page<>(items, matching.size(), q.offset(), q.limit());
    }

    private static boolean contains(String field, String needle) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(needle);
    }

    private CustomerSummary summary(Customer c) {
        List<Payment> ps = paymentsOf(c.id());
        BigDecimal total = ps.stream().map(Payment::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        Instant last = ps.stream().map(Payment::paidAt).max(Comparator.naturalOrder()).orElse(null);
        return new CustomerSummary(c, total, ps.size(), last);
    }

    @Override
    public synchronized Optional<Customer> getCustomer(UUID id) {
        maybeFail();
        return Optional.ofNullable(customers.get(id));
    }

    @Override
    public synchronized Customer createCustomer(CustomerDraft draft) {
        maybeFail();
        CustomerDraft d = draft.validated();
        Instant t = now();
        Customer c = new Customer(UUID.randomUUID(), d.name(), d.phone(), d.email(), d.address(), d.notes(), 1, t, t);
        customers.put(c.id(), c);
        return c;
    }

    @Override
    public synchronized Customer updateCustomer(UUID id, long expectedVersion, CustomerDraft draft) {
        maybeFail();
        CustomerDraft d = draft.validated();
        Customer current = customers.get(id);
        if (current == null) {
            throw new NotFoundException("Customer");
        }
        if (expectedVersion != ANY_VERSION && expectedVersion != current.version()) {
            throw new ConflictException("Customer " + current.name(), current);
        }
        Customer c = new Customer(id, d.name(), d.phone(), d.email(), d.address(), d.notes(), current.version() + 1,
                current.createdAt(), now());
        customers.put(id, c);
        return c;
    }

    /** Another writer changes the row (bumps its version) behind the console's back. */
    public synchronized Customer changeBehindTheScenes(UUID id, UnaryOperator<CustomerDraft> change) {
        Customer current = customers.get(id);
        return updateCustomer(id, current.version(), change.apply(current.toDraft()));
    }

    /** Another writer deletes the row. */
    public synchronized void deleteBehindTheScenes(UUID id) {
        deleteCustomer(id);
    }

    @Override
    public synchronized int countPayments(UUID customerId) {
        maybeFail();
        return paymentsOf(customerId).size();
    }

    @Override
    public synchronized DeletedCustomer deleteCustomer(UUID id) {
        maybeFail();
        if (customers.remove(id) == null) {
            throw new NotFoundException("Customer");
        }
        List<UUID> gone = paymentsOf(id).stream().map(Payment::id).toList();
        gone.forEach(payments::remove);
        return new DeletedCustomer(id, gone.size());
    }

    public synchronized int customerCount() {
        return customers.size();
    }

    @Override
    public synchronized CustomerContacts existingContacts(CustomerContacts candidates) {
        maybeFail();
        CustomerContacts all = CustomerContacts.of(customers.values().stream().map(Customer::toDraft).toList());
        return new CustomerContacts(
                candidates.phoneDigits().stream().filter(all.phoneDigits()::contains).collect(java.util.stream.Collectors.toSet()),
                candidates.emails().stream().filter(all.emails()::contains).collect(java.util.stream.Collectors.toSet()),
                candidates.names().stream().filter(all.names()::contains).collect(java.util.stream.Collectors.toSet()));
    }

    /** How many batches createCustomers wrote; the batch numbered failBatch (1-based) fails instead. */
    public int batchesWritten;
    public int failBatch = -1;

    @Override
    public synchronized CreatedCustomers createCustomers(List<CustomerDraft> drafts) {
        maybeFail();
        List<CustomerDraft> valid = drafts.stream().map(CustomerDraft::validated).toList();
        if (batchesWritten + 1 == failBatch) {
            throw new shoptwin.store.StoreUnavailableException("The database stopped answering.", null);
        }
        List<Customer> created = new ArrayList<>();
        java.util.Set<Integer> skipped = new java.util.LinkedHashSet<>();
        for (int i = 0; i < valid.size(); i++) {
            CustomerDraft d = valid.get(i);
            CustomerContacts all = CustomerContacts.of(customers.values().stream().map(Customer::toDraft).toList());
            if (all.matchOf(d) != null) {
                skipped.add(i);
            } else {
                created.add(createCustomer(d));
            }
        }
        batchesWritten++;
        return new CreatedCustomers(created, skipped);
    }

    // ---- payments

    @Override
    public synchronized Optional<Payment> getPayment(UUID id) {
        maybeFail();
        return Optional.ofNullable(payments.get(id));
    }

    @Override
    public synchronized List<TakingsRow> takings(Instant from, Instant to, java.time.ZoneId zone) {
        maybeFail();
        return TakingsRow.tally(payments.values().stream()
                .filter(p -> !p.paidAt().isBefore(from) && p.paidAt().isBefore(to)).toList(), zone);
    }

    /** A payment as given (method, time): for takings and receipts. */
    public synchronized Payment addPayment(UUID customerId, String amount, shoptwin.domain.PaymentMethod method,
            String reference, Instant paidAt) {
        return createPayment(new PaymentDraft(customerId, amount, method, reference, null, paidAt));
    }

    private List<Payment> paymentsOf(UUID customerId) {
        List<Payment> out = new ArrayList<>();
        for (Payment p : payments.values()) {
            if (p.customerId().equals(customerId)) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Payment::paidAt).reversed().thenComparing(p -> p.id().toString()));
        return out;
    }

    @Override
    public synchronized PaymentHistory listPayments(UUID customerId) {
        maybeFail();
        if (!customers.containsKey(customerId)) {
            throw new NotFoundException("Customer");
        }
        List<Payment> ps = paymentsOf(customerId);
        return new PaymentHistory(ps, ps.stream().map(Payment::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
    }

    @Override
    public synchronized Payment createPayment(PaymentDraft draft) {
        maybeFail();
        PaymentDraft d = draft.validated();
        if (!customers.containsKey(d.customerId())) {
            throw new NotFoundException("Customer");
        }
        Instant t = now();
        Payment p = new Payment(UUID.randomUUID(), d.customerId(), d.amountValue(), d.method(), d.reference(), d.note(),
                d.paidAt(), 1, t, t);
        payments.put(p.id(), p);
        return p;
    }

    @Override
    public synchronized Payment updatePayment(UUID id, long expectedVersion, PaymentDraft draft) {
        maybeFail();
        PaymentDraft d = draft.validated();
        Payment current = payments.get(id);
        if (current == null) {
            throw new NotFoundException("Payment");
        }
        if (expectedVersion != ANY_VERSION && expectedVersion != current.version()) {
            throw new ConflictException("Payment", current);
        }
        Payment p = new Payment(id, current.customerId(), d.amountValue(), d.method(), d.reference(), d.note(), d.paidAt(),
                current.version() + 1, current.createdAt(), now());
        payments.put(id, p);
        return p;
    }

    @Override
    public synchronized void deletePayment(UUID id) {
        maybeFail();
        if (payments.remove(id) == null) {
            throw new NotFoundException("Payment");
        }
    }

    // ---- shop

    @Override
    public synchronized Optional<Shop> getShop() {
        maybeFail();
        return Optional.ofNullable(shop);
    }

    @Override
    public synchronized Shop saveShop(long expectedVersion, ShopDraft draft) {
        maybeFail();
        ShopDraft d = draft.validated();
        Instant t = now();
        if (shop == null) {
            shop = new Shop(UUID.randomUUID(), d.name(), d.ownerName(), d.phone(), d.email(), d.address(), d.currency(),
                    d.timezone(), d.taxId(), d.receiptFooter(), 1, t, t);
            return shop;
        }
        if (expectedVersion != ANY_VERSION && expectedVersion != shop.version()) {
            throw new ConflictException("The shop's settings", shop);
        }
        shop = new Shop(shop.id(), d.name(), d.ownerName(), d.phone(), d.email(), d.address(), d.currency(), d.timezone(),
                d.taxId(), d.receiptFooter(), shop.version() + 1, shop.createdAt(), t);
        return shop;
    }

    @Override
    public void close() {
    }

    // ---- sample data

    /** Puts these rows in as they are (ids, versions, timestamps kept): for the read-store contract. */
    public synchronized InMemoryShopStore seed(shoptwin.store.Dataset dataset) {
        shop = dataset.shop();
        dataset.customers().forEach(c -> customers.put(c.id(), c));
        dataset.payments().forEach(p -> payments.put(p.id(), p));
        return this;
    }

    public synchronized Customer addCustomer(String name, String phone, String email) {
        return createCustomer(new CustomerDraft(name, phone, email, null, null));
    }

    public synchronized Payment addPayment(UUID customerId, String amount, Instant paidAt) {
        return createPayment(new PaymentDraft(customerId, amount, shoptwin.domain.PaymentMethod.CASH, null, null, paidAt));
    }

    public static InMemoryShopStore withShop(String currency, String zone) {
        InMemoryShopStore s = new InMemoryShopStore();
        s.saveShop(0, new ShopDraft("Corner Shop", "Asha", null, null, null, currency, zone, null, null));
        return s;
    }

}
