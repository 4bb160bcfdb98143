package shoptwin.store.mongo;

import static shoptwin.store.copy.CopyFormat.ID;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import shoptwin.domain.Customer;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.Page;
import shoptwin.store.copy.CopyDocuments;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * The backup's customer list sorted by total paid or last payment. The copy holds no per-customer
 * figures (PostgreSQL keeps them in shoptwin.customer_totals, which is not mirrored), so they are summed
 * here from the copy's payments, exactly, for every matching customer, and the page is cut from that
 * order: the same order as PostgreSQL's (a customer without payments has paid 0 and no last payment,
 * first ascending, last descending; ties by id). Summing reads every payment of the copy, so the sums
 * are kept for {@link #FRESH_FOR} and reused by the next pages: while the console reads the backup,
 * Supabase is away and the copy hardly changes (docs/benchmarks.md has the figures at 100,000 customers).
 */
final class CopyPaymentSort {
    private static final BigDecimal ZERO = new BigDecimal("0.00");
    /** How long summed figures are reused: paging through a sorted list must not rescan every payment. */
    static final java.time.Duration FRESH_FOR = java.time.Duration.ofSeconds(30);

    private final java.time.Clock clock;
    private Map<String, Totals> cached;
    private java.time.Instant cachedAt;

    CopyPaymentSort(java.time.Clock clock) {
        this.clock = clock;
    }

    private record Totals(BigDecimal sum, long count, Instant last) {
        static final Totals NONE = new Totals(ZERO, 0, null);

        Totals plus(Totals o) {
            Instant latest = last == null ? o.last : o.last == null || last.isAfter(o.last) ? last : o.last;
            return new Totals(sum.add(o.sum), count + o.count, latest);
        }
    }

    private synchronized Map<String, Totals> totals(MongoDatabase db) {
        java.time.Instant now = clock.instant();
        if (cached == null || now.isAfter(cachedAt.plus(FRESH_FOR)) || now.isBefore(cachedAt)) {
            cached = sum(db);
            cachedAt = now;
        }
        return cached;
    }

    private static Map<String, Totals> sum(MongoDatabase db) {
        Map<String, Totals> totals = new HashMap<>();
        for (Document p : CopyFormat.collection(db, MirrorTable.PAYMENTS).find()
                .projection(Projections.include("customer_id", "amount", "paid_at")).batchSize(5_000)) {
            if (p.get("customer_id") == null) {
                continue;
            }
            BigDecimal amount = CopyDocuments.decimal(p, "amount");
            totals.merge(p.get("customer_id").toString(),
                    new Totals(amount == null ? ZERO : amount, 1, CopyDocuments.instant(p, "paid_at")), Totals::plus);
        }
        return totals;
    }

    Page<CustomerSummary> search(MongoDatabase db, Bson filter, CustomerQuery query) {
        Map<String, Totals> totals = totals(db);
        List<String> ids = new ArrayList<>();
        for (Document c : CopyFormat.collection(db, MirrorTable.CUSTOMERS).find(filter).projection(Projections.include(ID))
                .batchSize(5_000)) {
            ids.add(c.get(ID).toString());
        }
        Comparator<String> byKey = query.sort() == CustomerSort.TOTAL_PAID
                ? Comparator.comparing(id -> totals.getOrDefault(id, Totals.NONE).sum())
                : Comparator.comparing(id -> totals.getOrDefault(id, Totals.NONE).last(),
                        Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<String> order = byKey.thenComparing(Comparator.naturalOrder());
        ids.sort(query.ascending() ? order : order.reversed());

        List<String> pageIds = ids.subList(Math.min(query.offset(), ids.size()),
                Math.min(query.offset() + query.limit(), ids.size()));
        Map<String, Customer> found = new HashMap<>();
        if (!pageIds.isEmpty()) {
            for (Document d : CopyFormat.collection(db, MirrorTable.CUSTOMERS).find(Filters.in(ID, pageIds))) {
                found.put(d.get(ID).toString(), CopyDocuments.customer(d));
            }
        }
        List<CustomerSummary> items = new ArrayList<>(pageIds.size());
        for (String id : pageIds) {
            Customer c = found.get(id);
            if (c != null) { // deleted by the mirror between the two reads: the next page load shows it gone
                Totals t = totals.getOrDefault(id, Totals.NONE);
                items.add(new CustomerSummary(c, t.sum(), t.count(), t.last()));
            }
        }
        return new Page<>(items, ids.size(), query.offset(), query.limit());
    }
}
