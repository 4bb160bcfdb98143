package shoptwin.status;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.domain.Customer;
import shoptwin.mirror.journal.JournalReplay;
import shoptwin.mirror.journal.JournalResolver;
import shoptwin.mirror.journal.ReplayReport;
import shoptwin.store.ShopStore;
import shoptwin.store.StoreException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.postgres.SqlErrors;

/** {@link OutageChanges} over the journal, its replay and its resolver. */
public final class JournalOutageChanges implements OutageChanges {
    private static final Logger log = LoggerFactory.getLogger(JournalOutageChanges.class);

    private final Journal journal;
    private final JournalReplay replay;
    private final JournalResolver resolver;
    private final ShopStore names;
    private final Supplier<String> who;

    /**
     * @param names where customers' names are looked up (the backup with the journal over it: it knows customers
     *              made during the outage)
     * @param who   who is deciding, for {@code resolved_by}
     */
    public JournalOutageChanges(Journal journal, JournalReplay replay, JournalResolver resolver, ShopStore names,
            Supplier<String> who) {
        this.journal = journal;
        this.replay = replay;
        this.resolver = resolver;
        this.names = names;
        this.who = who;
    }

    private static StoreException mongoAway(com.mongodb.MongoException e) {
        return new StoreUnavailableException("The MongoDB backup is not answering: "
                + shoptwin.config.Secrets.mask(shoptwin.store.mongo.MongoErrors.describe(e)), e);
    }

    @Override
    public OutageSummary summary() {
        Journal.Counts c;
        try {
            c = journal.counts();
        } catch (com.mongodb.MongoException e) {
            throw mongoAway(e);
        }
        return new OutageSummary(c.of(JournalEntry.State.PENDING), c.needDecision(), c.of(JournalEntry.State.APPLIED));
    }

    @Override
    public List<OutageChange> list() {
        Journal.Read read;
        try {
            read = journal.all();
        } catch (com.mongodb.MongoException e) {
            throw mongoAway(e);
        }
        List<JournalEntry> conflicts = read.entries().stream()
                .filter(e -> e.needsDecision() && e.state() == JournalEntry.State.CONFLICT).toList();
        Map<String, Map<String, Object>> now = new HashMap<>();
        try {
            now = resolver.supabaseNow(conflicts);
        } catch (SQLException | StoreUnavailableException e) {
            log.info("[Journal] Supabase's values now are not known ({}): the outage screen shows those of the replay",
                    e.getMessage());
        }
        Map<UUID, String> customerNames = new HashMap<>();
        List<OutageChange> out = new ArrayList<>();
        for (JournalEntry e : read.entries()) {
            out.add(new OutageChange(e.id(), e, null, nameOf(e, customerNames), now.get(e.id())));
        }
        for (Journal.Malformed m : read.malformed()) {
            out.add(new OutageChange(String.valueOf(m.id()), null, m.reason(), null, null));
        }
        return out;
    }

    private String nameOf(JournalEntry e, Map<UUID, String> cache) {
        if (e.table() == MirrorTable.CUSTOMERS) {
            Object n = e.fields().getOrDefault("name", e.before().get("name"));
            if (n != null) {
                return n.toString();
            }
            return lookup(e.rowId(), cache);
        }
        if (e.customer() != null && e.customer().get("name") != null) {
            return e.customer().get("name").toString();
        }
        UUID customer = e.paymentCustomer();
        return customer == null ? null : lookup(customer, cache);
    }

    private String lookup(UUID id, Map<UUID, String> cache) {
        return cache.computeIfAbsent(id, k -> {
            try {
                return names.getCustomer(k).map(Customer::name).orElse(null);
            } catch (StoreException ex) {
                return null;
            }
        });
    }

    @Override
    public void keepMine(String id) {
        supabase(() -> {
            resolver.keepMine(id, who.get());
            return null;
        });
    }

    @Override
    public void keepTheirs(String id) {
        supabase(() -> {
            resolver.keepTheirs(id, who.get());
            return null;
        });
    }

    @Override
    public void recreateCustomer(String id) {
        supabase(() -> {
            resolver.recreateCustomer(id, who.get());
            return null;
        });
    }

    @Override
    public ReplayReport replayNow() {
        return supabase(replay::replay);
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Supabase's failures in the shop's words: away (the changes wait), or what it said. */
    private static <T> T supabase(SqlWork<T> work) {
        try {
            return work.run();
        } catch (com.mongodb.MongoException e) {
            throw mongoAway(e);
        } catch (SQLException e) {
            if (SqlErrors.isConnectionFailure(e)) {
                throw new StoreUnavailableException("Supabase is not answering: the changes wait, and are sent when it answers.", e);
            }
            throw new StoreException("Supabase refused it: " + shoptwin.config.Secrets.mask(String.valueOf(e.getMessage())), e);
        }
    }
}
