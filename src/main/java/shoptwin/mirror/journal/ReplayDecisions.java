package shoptwin.mirror.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.FieldError;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalEntry.FieldConflict;
import shoptwin.store.journal.JournalEntry.Op;
import shoptwin.store.journal.JournalFormat;
import shoptwin.store.journal.JournalValues;

/**
 * The three-way decision for each entry of a replay chunk, in order, against Supabase's rows as they are
 * now (and as the chunk's earlier entries will leave them: each decided write is applied to these rows in
 * memory, so a customer's edit made after their insert sees the inserted row).
 *
 * <ul>
 *   <li>insert: written (a payment whose customer is gone is a conflict; a new row never is);</li>
 *   <li>update: for each field it changes, Supabase's value must still be {@code before} (or already the new
 *       value); any other value of any field makes the whole entry a conflict, and nothing of it is written;</li>
 *   <li>delete: the row must still be as the person saw it (and a customer must have no payments they did not
 *       see, which the delete would take with it); a row already gone is done.</li>
 * </ul>
 * Values that break the shop's rules (the domain's, as every form checks them) make the entry invalid.
 */
final class ReplayDecisions {
    /** What to do with one entry. */
    sealed interface Decision permits WriteIt, Done, Conflict, Invalid {
    }

    /** Send this write; its outcome decides. */
    record WriteIt(ReplaySql.Write write) implements Decision {
    }

    /** In Supabase already: nothing to write (the row already is as the entry wants, or the entry was recorded). */
    record Done(Long version) implements Decision {
    }

    record Conflict(String code, String reason, List<FieldConflict> conflicts) implements Decision {
    }

    record Invalid(String reason) implements Decision {
    }

    /** Supabase's rows now, changed in memory by each write decided so far. */
    static final class Rows {
        final Map<UUID, Document> customers;
        final Map<UUID, Document> payments;
        final Map<UUID, Set<UUID>> paymentsByCustomer;
        final Map<String, Long> applied;

        Rows(Map<UUID, Document> customers, Map<UUID, Document> payments, Map<UUID, Set<UUID>> paymentsByCustomer,
                Map<String, Long> applied) {
            this.customers = customers;
            this.payments = payments;
            this.paymentsByCustomer = paymentsByCustomer;
            this.applied = applied;
        }

        Map<UUID, Document> of(MirrorTable t) {
            return t == MirrorTable.CUSTOMERS ? customers : payments;
        }
    }

    private ReplayDecisions() {
    }

    /**
     * @param keyOfRow the row keys ({@code customers:<uuid>}) this entry waits for besides its own: its customer,
     *                 the rows of the entries it follows
     * @param madeBy   who PostgreSQL records as the writer
     * @param outcome  replayed, kept_mine (force: the person chose their values over Supabase's)
     */
    static Decision decide(JournalEntry e, Rows rows, Set<String> waitsFor, String madeBy, String outcome, boolean force) {
        if (rows.applied.containsKey(e.id())) {
            return new Done(rows.applied.get(e.id())); // the rows were read after it committed: they show it
        }
        Document current = rows.of(e.table()).get(e.rowId());
        return switch (e.op()) {
            case INSERT -> insert(e, rows, current, waitsFor, madeBy, outcome);
            case UPDATE -> update(e, rows, current, waitsFor, madeBy, outcome, force);
            case DELETE -> delete(e, rows, current, waitsFor, madeBy, outcome, force);
        };
    }

    private static Decision insert(JournalEntry e, Rows rows, Document current, Set<String> waitsFor, String madeBy,
            String outcome) {
        if (current != null) {
            return new Conflict("row_exists", "Supabase already has a " + noun(e.table()) + " with this id ("
                    + e.rowId() + "), which this entry did not write.", List.of());
        }
        Map<String, Object> row = new LinkedHashMap<>(e.fields());
        String invalid = broken(e.table(), row);
        if (invalid != null) {
            return new Invalid(invalid);
        }
        if (e.table() == MirrorTable.PAYMENTS) {
            UUID customer = UUID.fromString(row.get("customer_id").toString());
            if (!rows.customers.containsKey(customer)) {
                return new Conflict("customer_gone", "The customer of this payment was deleted in Supabase meanwhile"
                        + " (or never reached it).", List.of());
            }
            rows.paymentsByCustomer.computeIfAbsent(customer, k -> new HashSet<>()).add(e.rowId());
        }
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("id", e.rowId().toString());
        row.forEach((k, v) -> sql.put(k, JournalValues.sqlText(v)));
        // the row was created when the person made it, not when Supabase came back
        sql.put("created_at", e.madeAt().toString());
        Document simulated = new Document(CopyFormat.ID, e.rowId().toString());
        row.forEach((k, v) -> simulated.put(k, JournalFormat.toBson(v)));
        simulated.put("version", 1L);
        rows.of(e.table()).put(e.rowId(), simulated);
        return new WriteIt(new ReplaySql.Write(e.id(), e.table(), "insert", e.rowId(), sql, null, null, waitsFor, madeBy, outcome));
    }

    private static Decision update(JournalEntry e, Rows rows, Document current, Set<String> waitsFor, String madeBy,
            String outcome, boolean force) {
        if (current == null) {
            return new Conflict("row_gone", "This " + noun(e.table()) + " was deleted in Supabase meanwhile"
                    + (e.table() == MirrorTable.PAYMENTS ? " (perhaps with its customer)." : "."), List.of());
        }
        List<FieldConflict> conflicts = new ArrayList<>();
        Map<String, String> set = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            Object now = current.get(f.getKey());
            boolean unchanged = JournalValues.same(now, e.before().get(f.getKey()));
            boolean alreadyMine = JournalValues.same(now, f.getValue());
            if (!unchanged && !alreadyMine && !force) {
                conflicts.add(new FieldConflict(f.getKey(), e.before().get(f.getKey()), f.getValue(), JournalFormat.toJava(now)));
            }
            if (!alreadyMine) {
                set.put(f.getKey(), JournalValues.sqlText(f.getValue()));
            }
        }
        if (!conflicts.isEmpty()) {
            return new Conflict("changed", "Supabase changed " + fieldList(conflicts) + " of this " + noun(e.table())
                    + " meanwhile.", conflicts);
        }
        Map<String, Object> after = rowOf(e.table(), current);
        after.putAll(e.fields());
        String invalid = broken(e.table(), after);
        if (invalid != null) {
            return new Invalid(invalid);
        }
        if (e.table() == MirrorTable.PAYMENTS && e.fields().containsKey("customer_id")) {
            UUID customer = UUID.fromString(e.fields().get("customer_id").toString());
            if (!rows.customers.containsKey(customer)) {
                return new Conflict("customer_gone", "The customer this payment was moved to was deleted in Supabase meanwhile.",
                        List.of());
            }
        }
        long version = versionOf(current);
        if (set.isEmpty()) {
            return new Done(version); // Supabase has these values already
        }
        Document simulated = new Document(current);
        e.fields().forEach((k, v) -> simulated.put(k, JournalFormat.toBson(v)));
        simulated.put("version", version + 1);
        rows.of(e.table()).put(e.rowId(), simulated);
        return new WriteIt(new ReplaySql.Write(e.id(), e.table(), "update", e.rowId(), set, version, null, waitsFor, madeBy,
                outcome));
    }

    private static Decision delete(JournalEntry e, Rows rows, Document current, Set<String> waitsFor, String madeBy,
            String outcome, boolean force) {
        if (current == null) {
            return new Done(null); // gone already: what the person wanted
        }
        if (!force) {
            List<FieldConflict> conflicts = new ArrayList<>();
            for (Map.Entry<String, Object> f : e.before().entrySet()) {
                Object now = current.get(f.getKey());
                if (!JournalValues.same(now, f.getValue())) {
                    conflicts.add(new FieldConflict(f.getKey(), f.getValue(), null, JournalFormat.toJava(now)));
                }
            }
            if (!conflicts.isEmpty()) {
                return new Conflict("changed", "Supabase changed " + fieldList(conflicts) + " of this " + noun(e.table())
                        + " since it was seen: it was not deleted.", conflicts);
            }
        }
        List<UUID> keep = null;
        if (e.table() == MirrorTable.CUSTOMERS) {
            Set<UUID> now = rows.paymentsByCustomer.getOrDefault(e.rowId(), Set.of());
            if (e.paymentsSeen() != null && !force) {
                Set<UUID> unseen = new LinkedHashSet<>(now);
                unseen.removeAll(e.paymentsSeen());
                if (!unseen.isEmpty()) {
                    return new Conflict("payments_added", unseen.size() + (unseen.size() == 1 ? " payment was" : " payments were")
                            + " added in Supabase for this customer since they were seen: deleting the customer would"
                            + " delete " + (unseen.size() == 1 ? "it" : "them") + " too.", List.of());
                }
                keep = e.paymentsSeen();
            }
            for (UUID p : now) {
                rows.payments.remove(p);
            }
            rows.paymentsByCustomer.remove(e.rowId());
        } else {
            Object c = current.get("customer_id");
            if (c != null) {
                rows.paymentsByCustomer.getOrDefault(UUID.fromString(c.toString()), new HashSet<>()).remove(e.rowId());
            }
        }
        rows.of(e.table()).remove(e.rowId());
        return new WriteIt(new ReplaySql.Write(e.id(), e.table(), "delete", e.rowId(), Map.of(), versionOf(current), keep,
                waitsFor, madeBy, outcome));
    }

    private static Map<String, Object> rowOf(MirrorTable table, Document current) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : JournalFormat.columnsOf(table)) {
            m.put(c, JournalFormat.toJava(current.get(c)));
        }
        return m;
    }

    /** The first broken rule of the row's values, as the form would say it, or null when they are fine. */
    static String broken(MirrorTable table, Map<String, Object> row) {
        List<FieldError> errors;
        if (table == MirrorTable.CUSTOMERS) {
            errors = new CustomerDraft(text(row, "name"), text(row, "phone"), text(row, "email"), text(row, "address"),
                    text(row, "notes")).errors();
        } else {
            Object method = row.get("method");
            PaymentMethod m = PaymentMethod.fromCode(method == null ? null : method.toString()).orElse(null);
            if (method != null && m == null) {
                return "method: '" + method + "' is not a payment method (cash, card, upi, bank_transfer or other).";
            }
            Object amount = row.get("amount");
            Object paidAt = row.get("paid_at");
            errors = new PaymentDraft(UUID.fromString(row.get("customer_id").toString()),
                    amount instanceof BigDecimal b ? b.toPlainString() : amount == null ? null : amount.toString(), m,
                    text(row, "reference"), text(row, "note"),
                    paidAt instanceof Instant i ? i : paidAt instanceof Date d ? d.toInstant() : null).errors();
        }
        return errors.isEmpty() ? null : errors.get(0).toString();
    }

    private static String text(Map<String, Object> row, String f) {
        Object v = row.get(f);
        return v == null ? null : v.toString();
    }

    private static long versionOf(Document d) {
        Object v = d.get("version");
        return v instanceof Number n ? n.longValue() : 0L;
    }

    private static String fieldList(List<FieldConflict> conflicts) {
        List<String> names = conflicts.stream().map(c -> c.field().replace('_', ' ')).toList();
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    static String noun(MirrorTable t) {
        return t == MirrorTable.CUSTOMERS ? "customer" : "payment";
    }
}
