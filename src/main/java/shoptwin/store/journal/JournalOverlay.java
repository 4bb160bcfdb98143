package shoptwin.store.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry.Op;
import shoptwin.store.journal.JournalEntry.State;

/**
 * The copy as the backup's screens show it: each row that a journal entry touches, with every pending entry
 * applied over the copy's document in replay order ({@link JournalOrder}), the way Supabase will have it once
 * they are replayed. Rows nobody touched are read from the copy as they are. Entries applied a moment ago
 * count too until the mirror has copied them (the copy's {@code version} reached {@code applied_version}),
 * so a replayed change never blinks out of the list in between.
 *
 * <p>Rows are copy-shaped documents ({@code _id}, snake_case fields, Decimal128, Date, {@code version}),
 * read with {@code CopyDocuments} like the copy's own.
 */
final class JournalOverlay {
    /** A row as the overlay has it: {@code doc} is null when it is deleted. */
    record Row(MirrorTable table, UUID id, Document doc, boolean waiting, String lastPendingEntry) {
        boolean deleted() {
            return doc == null;
        }
    }

    /** How the overlay reads the copy's documents of the rows the journal touches. */
    interface Copy {
        Map<String, Document> customers(Collection<String> ids);

        Map<String, Document> payments(Collection<String> ids);

        /** The copy's payments of these customers (a deleted customer's payments go with them). */
        Map<String, Document> paymentsOfCustomers(Collection<String> customerIds);
    }

    private final Map<UUID, Row> customers = new LinkedHashMap<>();
    private final Map<UUID, Row> payments = new LinkedHashMap<>();
    /** Customers whose figures (payments, totals) the journal changes, besides their own rows. */
    private final Set<UUID> customersOfTouchedPayments = new LinkedHashSet<>();
    private final long pending;

    private JournalOverlay(long pending) {
        this.pending = pending;
    }

    static JournalOverlay empty() {
        return new JournalOverlay(0);
    }

    static JournalOverlay build(List<JournalEntry> entries, Copy copy) {
        List<JournalEntry> ordered = JournalOrder.sort(entries);
        Set<String> customerIds = new LinkedHashSet<>();
        Set<String> paymentIds = new LinkedHashSet<>();
        Set<String> deletedCustomers = new LinkedHashSet<>();
        for (JournalEntry e : ordered) {
            if (e.table() == MirrorTable.CUSTOMERS) {
                customerIds.add(e.rowId().toString());
                if (e.op() == Op.DELETE) {
                    deletedCustomers.add(e.rowId().toString());
                }
            } else {
                paymentIds.add(e.rowId().toString());
            }
        }
        Map<String, Document> copyCustomers = customerIds.isEmpty() ? Map.of() : copy.customers(customerIds);
        Map<String, Document> copyPayments = new HashMap<>(paymentIds.isEmpty() ? Map.of() : copy.payments(paymentIds));
        if (!deletedCustomers.isEmpty()) {
            copyPayments.putAll(copy.paymentsOfCustomers(deletedCustomers));
        }
        long pending = ordered.stream().filter(e -> e.state() == State.PENDING).count();
        JournalOverlay o = new JournalOverlay(pending);
        // payments of a customer deleted in the journal are rows the overlay has (deleted with them)
        for (Document p : copyPayments.values()) {
            UUID id = UUID.fromString(p.get(CopyFormat.ID).toString());
            o.payments.put(id, new Row(MirrorTable.PAYMENTS, id, p, false, null));
            o.noteCustomerOf(p);
        }
        for (JournalEntry e : ordered) {
            Map<UUID, Row> rows = e.table() == MirrorTable.CUSTOMERS ? o.customers : o.payments;
            Row row = rows.get(e.rowId());
            if (row == null) {
                Document fromCopy = (e.table() == MirrorTable.CUSTOMERS ? copyCustomers : copyPayments).get(e.rowId().toString());
                row = new Row(e.table(), e.rowId(), fromCopy, false, null);
            }
            if (e.state() == State.APPLIED && copyCaughtUp(e, row.doc())) {
                rows.putIfAbsent(e.rowId(), row);
                continue;
            }
            Row after = apply(e, row);
            rows.put(e.rowId(), after);
            if (after.doc() != null) {
                o.noteCustomerOf(after.doc());
            }
            if (e.table() == MirrorTable.PAYMENTS && row.doc() != null) {
                o.noteCustomerOf(row.doc());
            }
            if (e.table() == MirrorTable.CUSTOMERS && e.op() == Op.DELETE && row.doc() != null) {
                o.cascade(e.rowId());
            }
        }
        return o;
    }

    /** An applied entry the mirror has already copied: the copy shows it by itself. */
    private static boolean copyCaughtUp(JournalEntry e, Document copyDoc) {
        if (e.op() == Op.DELETE) {
            return copyDoc == null;
        }
        if (copyDoc == null) {
            return false;
        }
        Object v = copyDoc.get("version");
        long copyVersion = v instanceof Number n ? n.longValue() : 0;
        return e.appliedVersion() != null && copyVersion >= e.appliedVersion();
    }

    private static Row apply(JournalEntry e, Row row) {
        boolean waiting = row.waiting() || e.state() == State.PENDING;
        String last = e.state() == State.PENDING ? e.id() : row.lastPendingEntry();
        Date at = Date.from(e.madeAt());
        switch (e.op()) {
            case INSERT -> {
                if (row.doc() != null) {
                    return row; // replayed already and copied: the copy's row is the newer truth
                }
                Document d = new Document(CopyFormat.ID, e.rowId().toString());
                e.fields().forEach((k, v) -> d.put(k, JournalFormat.toBson(v)));
                if (e.table() == MirrorTable.CUSTOMERS) {
                    d.put("name_sort", nameSort(d.getString("name")));
                }
                d.put("version", 1L);
                d.put("created_at", at);
                d.put("updated_at", at);
                return new Row(e.table(), e.rowId(), d, waiting, last);
            }
            case UPDATE -> {
                if (row.doc() == null) {
                    return row; // the row is gone: replay will say so (a conflict)
                }
                Document d = new Document(row.doc());
                e.fields().forEach((k, v) -> d.put(k, JournalFormat.toBson(v)));
                if (e.table() == MirrorTable.CUSTOMERS && e.fields().containsKey("name")) {
                    d.put("name_sort", nameSort(d.getString("name")));
                }
                Object v = d.get("version");
                d.put("version", (v instanceof Number n ? n.longValue() : 0L) + 1);
                d.put("updated_at", at);
                return new Row(e.table(), e.rowId(), d, waiting, last);
            }
            case DELETE -> {
                return new Row(e.table(), e.rowId(), null, waiting, last);
            }
            default -> throw new IllegalStateException(e.op().name());
        }
    }

    /** lower(name), as PostgreSQL generates {@code name_sort}. */
    static String nameSort(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** A customer deleted in the journal takes their payments with them, as the cascade in Supabase will. */
    private void cascade(UUID customerId) {
        String id = customerId.toString();
        for (Map.Entry<UUID, Row> p : new ArrayList<>(payments.entrySet())) {
            Row r = p.getValue();
            if (r.doc() != null && id.equals(String.valueOf(r.doc().get("customer_id")))) {
                payments.put(p.getKey(), new Row(MirrorTable.PAYMENTS, p.getKey(), null, r.waiting(), r.lastPendingEntry()));
            }
        }
    }

    private void noteCustomerOf(Document payment) {
        Object c = payment.get("customer_id");
        if (c != null) {
            try {
                customersOfTouchedPayments.add(UUID.fromString(c.toString()));
            } catch (IllegalArgumentException ignored) {
                // not a customer id: nothing of a customer to recompute
            }
        }
    }

    // ------------------------------------------------------------------ what the store asks

    boolean isEmpty() {
        return customers.isEmpty() && payments.isEmpty();
    }

    /** Entries waiting for Supabase. */
    long pending() {
        return pending;
    }

    /** The overlay's row of this customer, or null when the journal does not touch them. */
    Row customer(UUID id) {
        return customers.get(id);
    }

    Row payment(UUID id) {
        return payments.get(id);
    }

    /** Every customer whose row or figures the journal changes: the list reads them from the overlay. */
    Set<UUID> touchedCustomers() {
        Set<UUID> all = new LinkedHashSet<>(customers.keySet());
        all.addAll(customersOfTouchedPayments);
        return all;
    }

    Collection<Row> customerRows() {
        return customers.values();
    }

    /** Payment ids the overlay decides about (the copy's document of them is not shown as it is). */
    Set<UUID> touchedPayments() {
        return new HashSet<>(payments.keySet());
    }

    /** The overlay's payments (not deleted) of this customer. */
    List<Row> paymentsOf(UUID customerId) {
        String id = customerId.toString();
        List<Row> out = new ArrayList<>();
        for (Row r : payments.values()) {
            if (r.doc() != null && id.equals(String.valueOf(r.doc().get("customer_id")))) {
                out.add(r);
            }
        }
        return out;
    }

    Collection<Row> paymentRows() {
        return payments.values();
    }
}
