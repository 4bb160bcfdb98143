package shoptwin.store.mongo;

import static shoptwin.store.copy.CopyFormat.ID;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import shoptwin.config.MongoSettings;
import shoptwin.config.Secrets;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.NotFoundException;
import shoptwin.store.Page;
import shoptwin.store.PaymentHistory;
import shoptwin.store.ReadOnlyStoreException;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.copy.CopyDocuments;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * The read side of {@link ShopStore} over the MongoDB copy (collections customers, payments, shops),
 * giving the same answers as the PostgreSQL store for the same data. Every write is refused with
 * {@link ReadOnlyStoreException}: the copy is only ever written by the mirror.
 *
 * <p>Documents are read as {@link CopyFormat} says (one per row; a deleted row has no document,
 * its tombstone lives elsewhere and is never read here). Lookups by id filter on {@code _id} alone:
 * mongo-java-server only uses an index when the filter is exactly the index's keys.
 */
public final class MongoShopStore implements ShopStore {
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private final MongoClient client;
    private final boolean ownsClient;
    private final MongoDatabase database;
    private final String description;
    private final CopyPaymentSort paymentSort = new CopyPaymentSort(java.time.Clock.systemUTC());

    /** Reads through a client someone else owns (and closes). */
    public MongoShopStore(MongoClient client, String databaseName, String description) {
        this(client, false, databaseName, description);
    }

    private MongoShopStore(MongoClient client, boolean ownsClient, String databaseName, String description) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.database = MongoConnections.forBackupStore(client, databaseName);
        this.description = description;
    }

    /** Opens a client of its own ({@link MongoConnections}: a dead backup must not freeze a screen); closes it on close(). */
    public static MongoShopStore open(MongoSettings settings) {
        return new MongoShopStore(MongoConnections.open(settings), true, settings.database(), describe(settings));
    }

    /** "MongoDB backup (host:port / database)", never a password. */
    public static String describe(MongoSettings settings) {
        String hosts;
        try {
            hosts = String.join(",", new ConnectionString(settings.uri()).getHosts());
        } catch (IllegalArgumentException e) {
            hosts = "invalid URI";
        }
        return Secrets.mask("MongoDB backup (" + hosts + " / " + settings.database() + ")");
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    // ------------------------------------------------------------------ customers

    @Override
    public Page<CustomerSummary> searchCustomers(CustomerQuery query) {
        return searchCustomers(query, List.of());
    }

    /**
     * The same list without these customers: the outage journal's overlay shows them itself
     * ({@code store.journal.JournaledBackupStore}, which merges them in).
     */
    public Page<CustomerSummary> searchCustomers(CustomerQuery query, java.util.Collection<UUID> excluding) {
        return call(() -> {
            Bson filter = excluding.isEmpty() ? searchFilter(query.text())
                    : Filters.and(searchFilter(query.text()), Filters.nin(ID, excluding.stream().map(UUID::toString).toList()));
            if (query.sort().byPayments()) {
                return paymentSort.search(database, filter, query);
            }
            String column = query.sort().column();
            // PostgreSQL orders text collate "C" (code points) with NULLS FIRST ascending and NULLS LAST
            // descending; MongoDB's binary string order with null lowest gives the same list
            Bson sort = query.ascending()
                    ? Sorts.ascending(column, ID)
                    : Sorts.descending(column, ID);
            MongoCollection<Document> customers = collection(MirrorTable.CUSTOMERS);
            List<Customer> page = new ArrayList<>();
            for (Document d : customers.find(filter).sort(sort).skip(query.offset()).limit(query.limit())) {
                page.add(CopyDocuments.customer(d));
            }
            long total = page.isEmpty() && query.offset() == 0 ? 0 : customers.countDocuments(filter);
            Map<UUID, Totals> totals = totalsFor(page.stream().map(Customer::id).toList());
            List<CustomerSummary> items = new ArrayList<>(page.size());
            for (Customer c : page) {
                Totals t = totals.getOrDefault(c.id(), Totals.NONE);
                items.add(new CustomerSummary(c, t.sum, t.count, t.last));
            }
            return new Page<>(items, total, query.offset(), query.limit());
        });
    }

    /**
     * Case-insensitive infix match on name, phone or email; the user's text is always a literal. A phone
     * number as typed also matches the phone's digits, whatever separates them ("+917879085" finds
     * "+91 78790 85..."): the same rule as PostgreSQL's digits index.
     */
    static Bson searchFilter(String text) {
        if (text == null || text.isBlank()) {
            return Filters.empty();
        }
        String pattern = Pattern.quote(text);
        List<Bson> any = new ArrayList<>(List.of(
                Filters.regex("name", pattern, "i"),
                Filters.regex("phone", pattern, "i"),
                Filters.regex("email", pattern, "i")));
        shoptwin.store.PhoneDigits.searchDigits(text.strip()).ifPresent(digits ->
                any.add(Filters.regex("phone", String.join("[^0-9]*", digits.split("")))));
        return Filters.or(any);
    }

    private Map<UUID, Totals> totalsFor(List<UUID> customerIds) {
        Map<UUID, Totals> totals = new HashMap<>();
        if (customerIds.isEmpty()) {
            return totals;
        }
        List<String> ids = customerIds.stream().map(UUID::toString).toList();
        for (Document p : collection(MirrorTable.PAYMENTS)
                .find(Filters.in("customer_id", ids))
                .projection(Projections.include("customer_id", "amount", "paid_at"))) {
            UUID customerId = CopyDocuments.uuid(p, "customer_id");
            BigDecimal amount = CopyDocuments.decimal(p, "amount");
            Instant paidAt = CopyDocuments.instant(p, "paid_at");
            totals.merge(customerId, new Totals(amount == null ? ZERO : amount, 1, paidAt), Totals::plus);
        }
        return totals;
    }

    private record Totals(BigDecimal sum, long count, Instant last) {
        static final Totals NONE = new Totals(ZERO, 0, null);

        Totals plus(Totals o) {
            Instant latest = last == null ? o.last : o.last == null || last.isAfter(o.last) ? last : o.last;
            return new Totals(sum.add(o.sum), count + o.count, latest);
        }
    }

    @Override
    public Optional<Customer> getCustomer(UUID id) {
        return call(() -> findById(MirrorTable.CUSTOMERS, id).map(CopyDocuments::customer));
    }

    @Override
    public int countPayments(UUID customerId) {
        return call(() -> (int) collection(MirrorTable.PAYMENTS)
                .countDocuments(Filters.eq("customer_id", customerId.toString())));
    }

    @Override
    public shoptwin.store.CustomerContacts existingContacts(shoptwin.store.CustomerContacts candidates) {
        throw new ReadOnlyStoreException(); // only an import asks, and an import writes
    }

    @Override
    public shoptwin.store.CreatedCustomers createCustomers(List<CustomerDraft> drafts) {
        throw new ReadOnlyStoreException();
    }

    // ------------------------------------------------------------------ payments

    @Override
    public Optional<Payment> getPayment(UUID id) {
        return call(() -> findById(MirrorTable.PAYMENTS, id).map(CopyDocuments::payment));
    }

    @Override
    public List<shoptwin.store.TakingsRow> takings(Instant from, Instant to, java.time.ZoneId zone) {
        return call(() -> CopyTakings.query(database, from, to, zone));
    }

    @Override
    public PaymentHistory listPayments(UUID customerId) {
        return call(() -> {
            List<Payment> payments = new ArrayList<>();
            BigDecimal total = ZERO;
            for (Document d : collection(MirrorTable.PAYMENTS)
                    .find(Filters.eq("customer_id", customerId.toString()))
                    .sort(Sorts.orderBy(Sorts.descending("paid_at"), Sorts.descending(ID)))) {
                Payment p = CopyDocuments.payment(d);
                payments.add(p);
                total = total.add(p.amount());
            }
            // as the PostgreSQL store: no payments and no customer means the customer is gone
            if (payments.isEmpty() && findById(MirrorTable.CUSTOMERS, customerId).isEmpty()) {
                throw new NotFoundException("Customer");
            }
            return new PaymentHistory(payments, total);
        });
    }

    // ------------------------------------------------------------------ shop

    @Override
    public Optional<Shop> getShop() {
        return call(() -> {
            Document d = collection(MirrorTable.SHOP).find().sort(Sorts.ascending(ID)).first();
            return Optional.ofNullable(d).map(CopyDocuments::shop);
        });
    }

    // ------------------------------------------------------------------ the time of the copy

    /**
     * The newest {@code updated_at} over the three collections: the time of the last mirrored change
     * as far as the copy itself can tell (deletes leave no trace). Empty when the copy is empty.
     */
    public Optional<Instant> newestChange() {
        return call(() -> {
            Instant newest = null;
            for (MirrorTable table : MirrorTable.values()) {
                Document d = collection(table).find()
                        .sort(Sorts.descending("updated_at"))
                        .projection(Projections.include("updated_at"))
                        .first();
                Instant t = d == null ? null : CopyDocuments.instant(d, "updated_at");
                if (t != null && (newest == null || t.isAfter(newest))) {
                    newest = t;
                }
            }
            return Optional.ofNullable(newest);
        });
    }

    // ------------------------------------------------------------------ indexes

    /**
     * Creates the indexes the backup's lists use on a real MongoDB (sorting by each column with
     * the id tie-break, a customer's payments newest first). Idempotent; it changes no document,
     * so verify and the mirror are unaffected. mongo-java-server accepts and ignores them.
     */
    public void ensureIndexes() {
        call(() -> {
            MongoCollection<Document> customers = collection(MirrorTable.CUSTOMERS);
            for (shoptwin.store.CustomerSort sort : shoptwin.store.CustomerSort.values()) {
                if (sort.byPayments()) {
                    continue; // computed from the payments, not a field of the customer
                }
                customers.createIndex(com.mongodb.client.model.Indexes.ascending(sort.column(), ID));
            }
            // daily takings read the payments of a date range
            collection(MirrorTable.PAYMENTS).createIndex(com.mongodb.client.model.Indexes.ascending("paid_at"));
            collection(MirrorTable.PAYMENTS).createIndex(com.mongodb.client.model.Indexes.compoundIndex(
                    com.mongodb.client.model.Indexes.ascending("customer_id"),
                    com.mongodb.client.model.Indexes.descending("paid_at", ID)));
            return null;
        });
    }

    // ------------------------------------------------------------------ writes: refused

    @Override
    public Customer createCustomer(CustomerDraft draft) {
        throw new ReadOnlyStoreException();
    }

    @Override
    public Customer updateCustomer(UUID id, long expectedVersion, CustomerDraft draft) {
        throw new ReadOnlyStoreException();
    }

    @Override
    public DeletedCustomer deleteCustomer(UUID id) {
        throw new ReadOnlyStoreException();
    }

    @Override
    public Payment createPayment(PaymentDraft draft) {
        throw new ReadOnlyStoreException();
    }

    @Override
    public Payment updatePayment(UUID id, long expectedVersion, PaymentDraft draft) {
        throw new ReadOnlyStoreException();
    }

    @Override
    public void deletePayment(UUID id) {
        throw new ReadOnlyStoreException();
    }

    @Override
    public Shop saveShop(long expectedVersion, ShopDraft draft) {
        throw new ReadOnlyStoreException();
    }

    // ------------------------------------------------------------------ plumbing

    private MongoCollection<Document> collection(MirrorTable table) {
        return CopyFormat.collection(database, table);
    }

    private Optional<Document> findById(MirrorTable table, UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(collection(table).find(Filters.eq(ID, id.toString())).first());
    }

    /** Turns driver failures into the store's errors; connection trouble becomes StoreUnavailableException. */
    private <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (MongoTimeoutException | MongoSocketException | MongoInterruptedException e) {
            throw new StoreUnavailableException(
                    "The MongoDB backup cannot be reached: " + Secrets.mask(e.getMessage()), e);
        } catch (MongoSecurityException e) {
            throw new StoreUnavailableException(
                    "The MongoDB backup refused the credentials: check the MongoDB URI in the settings.", e);
        } catch (MongoException e) {
            throw new StoreException("The MongoDB backup failed: " + Secrets.mask(e.getMessage()), e);
        } catch (IllegalStateException e) {
            // the driver says "state should be: open" once the client is closed
            throw new StoreUnavailableException("The MongoDB backup connection is closed.", e);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
