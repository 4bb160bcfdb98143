package shoptwin.store.journal;

import static shoptwin.store.copy.CopyFormat.ID;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import shoptwin.config.Secrets;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.CreatedCustomers;
import shoptwin.store.CustomerContacts;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.Page;
import shoptwin.store.PaymentHistory;
import shoptwin.store.ReadOnlyStoreException;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.TakingsRow;
import shoptwin.store.copy.CopyDocuments;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.MongoShopStore;

/**
 * The backup as a place to keep working while Supabase is away: it reads the MongoDB copy with the outage
 * journal laid over it ({@link JournalOverlay}), and saves each change as one journal entry
 * ({@link JournalChanges} makes them, {@link Journal} writes them), which the mirror's leader replays into
 * Supabase when it answers again. Every console reading the backup sees every console's entries: the
 * journal is in MongoDB, read on every call. Drafts are validated as the PostgreSQL store validates them, and
 * references are checked against the copy plus the journal (a payment needs a customer that exists there).
 * Shop settings and imports stay Supabase's.
 */
public final class JournaledBackupStore implements ShopStore {
    /** Applied entries stay on the screens until the mirror has copied them, looked for this far back. */
    static final Duration APPLIED_SHOWN_FOR = Duration.ofMinutes(10);
    public static final String SHOP_SETTINGS_WAIT = "Shop settings can only be changed on Supabase: on the backup they are "
            + "read-only, so that a change made here cannot overwrite one made in Supabase meanwhile.";
    public static final String IMPORT_WAITS = "Importing customers waits for Supabase: on the backup, add customers one by one.";
    static final String MONGO_DOWN_TOO = "The MongoDB backup is not answering either, so this change could not be saved. "
            + "What you typed is kept: try again when it answers.";

    private final MongoShopStore copy;
    private final MongoDatabase copyDatabase;
    private final Journal journal;
    private final JournalChanges changes;
    private final Clock clock;

    /**
     * @param copy         the copy's read store (its searches, the shop)
     * @param copyDatabase the copy's database as the read store reads it
     * @param journal      the journal, through the view its writes need (majority)
     * @param madeBy       who is working: the staff name, or the computer's user
     */
    public JournaledBackupStore(MongoShopStore copy, MongoDatabase copyDatabase, Journal journal, Supplier<String> madeBy,
            Clock clock) {
        this.copy = copy;
        this.copyDatabase = copyDatabase;
        this.journal = journal;
        this.clock = clock;
        this.changes = new JournalChanges(journal, madeBy, clock);
    }

    /** The backup over a client someone else owns (and closes): the copy's read store, its database, the journal. */
    public static JournaledBackupStore over(com.mongodb.client.MongoClient client, String database, String description,
            Supplier<String> madeBy, Clock clock) {
        MongoShopStore copy = new MongoShopStore(client, database, description);
        return new JournaledBackupStore(copy, shoptwin.store.mongo.MongoConnections.forBackupStore(client, database),
                new Journal(shoptwin.store.mongo.MongoConnections.forJournal(client, database)), madeBy, clock);
    }

    public MongoShopStore copy() {
        return copy;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public String describe() {
        return copy.describe();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    /** The journal laid over the copy, as of now: one read of the journal, and of the copy's rows it touches. */
    JournalOverlay overlay() {
        return read(() -> {
            Journal.Read r = journal.overlay(clock.instant().minus(APPLIED_SHOWN_FOR));
            return r.entries().isEmpty() ? JournalOverlay.empty() : JournalOverlay.build(r.entries(), overlayCopy());
        });
    }

    private JournalOverlay.Copy overlayCopy() {
        return new JournalOverlay.Copy() {
            @Override
            public Map<String, Document> customers(Collection<String> ids) {
                return byId(MirrorTable.CUSTOMERS, Filters.in(ID, ids));
            }

            @Override
            public Map<String, Document> payments(Collection<String> ids) {
                return byId(MirrorTable.PAYMENTS, Filters.in(ID, ids));
            }

            @Override
            public Map<String, Document> paymentsOfCustomers(Collection<String> customerIds) {
                return byId(MirrorTable.PAYMENTS, Filters.in("customer_id", customerIds));
            }
        };
    }

    private Map<String, Document> byId(MirrorTable table, org.bson.conversions.Bson filter) {
        Map<String, Document> out = new HashMap<>();
        for (Document d : CopyFormat.collection(copyDatabase, table).find(filter)) {
            out.put(d.get(ID).toString(), d);
        }
        return out;
    }

    /** How many changes wait for Supabase (the banner: "7 changes will be sent to Supabase when it answers"). */
    public long pendingChanges() {
        return read(() -> journal.counts().of(JournalEntry.State.PENDING));
    }

    // ------------------------------------------------------------------ customers

    @Override
    public Page<CustomerSummary> searchCustomers(CustomerQuery query) {
        JournalOverlay o = overlay();
        if (o.isEmpty()) {
            return copy.searchCustomers(query);
        }
        Set<UUID> touched = o.touchedCustomers();
        List<CustomerSummary> overlaid = read(() -> overlaidSummaries(o, touched));
        return OverlaySearch.search(query, overlaid, touched, copy::searchCustomers);
    }

    /** The customers the journal touches, as the overlay has them, with their totals over the copy plus the journal. */
    private List<CustomerSummary> overlaidSummaries(JournalOverlay o, Set<UUID> touched) {
        List<String> fromCopy = new ArrayList<>();
        for (UUID id : touched) {
            if (o.customer(id) == null) {
                fromCopy.add(id.toString());
            }
        }
        Map<String, Document> copyDocs = fromCopy.isEmpty() ? Map.of() : byId(MirrorTable.CUSTOMERS, Filters.in(ID, fromCopy));
        Map<UUID, List<Payment>> payments = paymentsOf(o, touched);
        List<CustomerSummary> out = new ArrayList<>();
        for (UUID id : touched) {
            JournalOverlay.Row row = o.customer(id);
            Document d = row != null ? row.doc() : copyDocs.get(id.toString());
            if (d == null) {
                continue;
            }
            List<Payment> ps = payments.getOrDefault(id, List.of());
            BigDecimal sum = ps.stream().map(Payment::amount).reduce(ZERO, BigDecimal::add);
            Instant last = ps.stream().map(Payment::paidAt).max(Comparator.naturalOrder()).orElse(null);
            out.add(new CustomerSummary(CopyDocuments.customer(d), sum, ps.size(), last));
        }
        return out;
    }

    private static final BigDecimal ZERO = new BigDecimal("0.00");

    /** Each customer's payments: the copy's, except those the journal decides about, plus the journal's. */
    private Map<UUID, List<Payment>> paymentsOf(JournalOverlay o, Collection<UUID> customerIds) {
        Map<UUID, List<Payment>> out = new HashMap<>();
        Set<UUID> touchedPayments = o.touchedPayments();
        List<String> ids = customerIds.stream().map(UUID::toString).toList();
        for (Document d : CopyFormat.collection(copyDatabase, MirrorTable.PAYMENTS).find(Filters.in("customer_id", ids))) {
            Payment p = CopyDocuments.payment(d);
            if (!touchedPayments.contains(p.id())) {
                out.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).add(p);
            }
        }
        for (JournalOverlay.Row r : o.paymentRows()) {
            if (r.doc() != null) {
                Payment p = CopyDocuments.payment(r.doc());
                if (customerIds.contains(p.customerId())) {
                    out.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<Customer> getCustomer(UUID id) {
        return customerIn(overlay(), id);
    }

    private Optional<Customer> customerIn(JournalOverlay o, UUID id) {
        JournalOverlay.Row row = o.customer(id);
        if (row != null) {
            return row.deleted() ? Optional.empty() : Optional.of(CopyDocuments.customer(row.doc()));
        }
        return copy.getCustomer(id);
    }

    @Override
    public Customer createCustomer(CustomerDraft draft) {
        CustomerDraft d = draft.validated();
        return write(() -> changes.createCustomer(d));
    }

    @Override
    public Customer updateCustomer(UUID id, long expectedVersion, CustomerDraft draft) {
        CustomerDraft d = draft.validated();
        return write(() -> changes.updateCustomer(overlay(), id, expectedVersion, d, this::customerIn));
    }

    @Override
    public int countPayments(UUID customerId) {
        JournalOverlay o = overlay();
        return read(() -> historyOf(o, customerId, false).count());
    }

    @Override
    public DeletedCustomer deleteCustomer(UUID id) {
        return write(() -> {
            JournalOverlay o = overlay();
            Customer current = customerIn(o, id).orElseThrow(() -> new shoptwin.store.NotFoundException("Customer"));
            List<UUID> payments = historyOf(o, id, false).payments().stream().map(Payment::id).toList();
            return changes.deleteCustomer(o, current, payments);
        });
    }

    @Override
    public CustomerContacts existingContacts(CustomerContacts candidates) {
        throw new ReadOnlyStoreException(IMPORT_WAITS);
    }

    @Override
    public CreatedCustomers createCustomers(List<CustomerDraft> drafts) {
        throw new ReadOnlyStoreException(IMPORT_WAITS);
    }

    // ------------------------------------------------------------------ payments

    @Override
    public PaymentHistory listPayments(UUID customerId) {
        JournalOverlay o = overlay();
        return read(() -> historyOf(o, customerId, true));
    }

    /** The copy's payments of the customer with the journal over them, newest first, marking those that wait. */
    private PaymentHistory historyOf(JournalOverlay o, UUID customerId, boolean customerMustExist) {
        JournalOverlay.Row customer = o.customer(customerId);
        if (customerMustExist && customer != null && customer.deleted()) {
            throw new shoptwin.store.NotFoundException("Customer");
        }
        List<Payment> payments = paymentsOf(o, List.of(customerId)).getOrDefault(customerId, new ArrayList<>());
        if (customerMustExist && payments.isEmpty() && customer == null && copy.getCustomer(customerId).isEmpty()) {
            throw new shoptwin.store.NotFoundException("Customer");
        }
        payments.sort(Comparator.comparing(Payment::paidAt).thenComparing(p -> p.id().toString()).reversed());
        Set<UUID> waiting = new HashSet<>();
        for (JournalOverlay.Row r : o.paymentRows()) {
            if (r.waiting()) {
                waiting.add(r.id());
            }
        }
        waiting.retainAll(payments.stream().map(Payment::id).toList());
        return new PaymentHistory(payments, payments.stream().map(Payment::amount).reduce(ZERO, BigDecimal::add), waiting);
    }

    @Override
    public Optional<Payment> getPayment(UUID id) {
        return paymentIn(overlay(), id);
    }

    private Optional<Payment> paymentIn(JournalOverlay o, UUID id) {
        JournalOverlay.Row row = o.payment(id);
        if (row != null) {
            return row.deleted() ? Optional.empty() : Optional.of(CopyDocuments.payment(row.doc()));
        }
        return copy.getPayment(id);
    }

    @Override
    public List<TakingsRow> takings(Instant from, Instant to, ZoneId zone) {
        JournalOverlay o = overlay();
        if (o.isEmpty()) {
            return copy.takings(from, to, zone);
        }
        return read(() -> {
            Set<UUID> touched = o.touchedPayments();
            List<Payment> payments = new ArrayList<>();
            for (Document d : CopyFormat.collection(copyDatabase, MirrorTable.PAYMENTS)
                    .find(Filters.and(Filters.gte("paid_at", Date.from(from)), Filters.lt("paid_at", Date.from(to))))
                    .projection(Projections.exclude(CopyFormat.VERSION)).batchSize(5_000)) {
                Payment p = CopyDocuments.payment(d);
                if (!touched.contains(p.id())) {
                    payments.add(p);
                }
            }
            for (JournalOverlay.Row r : o.paymentRows()) {
                if (r.doc() != null) {
                    Payment p = CopyDocuments.payment(r.doc());
                    if (!p.paidAt().isBefore(from) && p.paidAt().isBefore(to)) {
                        payments.add(p);
                    }
                }
            }
            return TakingsRow.tally(payments, zone);
        });
    }

    @Override
    public Payment createPayment(PaymentDraft draft) {
        PaymentDraft d = draft.validated();
        return write(() -> {
            JournalOverlay o = overlay();
            Customer customer = customerIn(o, d.customerId())
                    .orElseThrow(() -> new shoptwin.store.NotFoundException("The customer of this payment"));
            return changes.createPayment(o, d, customer);
        });
    }

    @Override
    public Payment updatePayment(UUID id, long expectedVersion, PaymentDraft draft) {
        PaymentDraft d = draft.validated();
        return write(() -> {
            JournalOverlay o = overlay();
            Payment current = paymentIn(o, id).orElseThrow(() -> new shoptwin.store.NotFoundException("Payment"));
            if (!d.customerId().equals(current.customerId()) && customerIn(o, d.customerId()).isEmpty()) {
                throw new shoptwin.store.NotFoundException("The customer of this payment");
            }
            return changes.updatePayment(o, current, expectedVersion, d);
        });
    }

    @Override
    public void deletePayment(UUID id) {
        write(() -> {
            JournalOverlay o = overlay();
            Payment current = paymentIn(o, id).orElseThrow(() -> new shoptwin.store.NotFoundException("Payment"));
            changes.deletePayment(o, current);
            return null;
        });
    }

    // ------------------------------------------------------------------ the shop: Supabase's

    @Override
    public Optional<Shop> getShop() {
        return copy.getShop();
    }

    @Override
    public Shop saveShop(long expectedVersion, ShopDraft draft) {
        throw new ReadOnlyStoreException(SHOP_SETTINGS_WAIT);
    }

    // ------------------------------------------------------------------ plumbing

    /** The time of the copy's newest change, as the read store tells it. */
    public Optional<Instant> newestChange() {
        return copy.newestChange();
    }

    /** Creates the journal's indexes on a real MongoDB (idempotent). */
    public void ensureIndexes() {
        read(() -> {
            journal.ensureIndexes();
            return null;
        });
    }

    private <T> T read(Supplier<T> work) {
        try {
            return work.get();
        } catch (MongoTimeoutException | MongoSocketException | MongoInterruptedException e) {
            throw new StoreUnavailableException("The MongoDB backup cannot be reached: " + Secrets.mask(e.getMessage()), e);
        } catch (MongoSecurityException e) {
            throw new StoreUnavailableException("The MongoDB backup refused the credentials: check the MongoDB URI in the settings.", e);
        } catch (MongoException e) {
            throw new StoreException("The MongoDB backup failed: " + Secrets.mask(e.getMessage()), e);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("The MongoDB backup connection is closed.", e);
        }
    }

    /** A save: when MongoDB does not answer either, nothing was saved, and the message says so plainly. */
    private <T> T write(Supplier<T> work) {
        try {
            return read(work);
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException(MONGO_DOWN_TOO, e);
        }
    }

    /** Milliseconds, as the copy keeps them. */
    static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void close() {
        // the copy's store and the client belong to the application context
    }

    @Override
    public String toString() {
        return describe();
    }
}
