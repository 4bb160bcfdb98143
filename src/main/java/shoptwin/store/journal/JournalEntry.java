package shoptwin.store.journal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import shoptwin.store.copy.MirrorTable;

/**
 * One change made on the backup while Supabase was away: one document of the outage journal, read into
 * plain Java values (docs/outage.md has the format; {@link JournalFormat} reads and writes it). Field
 * values are {@code String}, {@code java.math.BigDecimal} (the copy's Decimal128) or {@link Instant} (the
 * copy's Date), or null; maps keep their order and may hold nulls.
 *
 * @param fields       insert: the new row's fields; update: only the fields the person changed, new values
 * @param before       update: those fields as they were when the person started editing; delete: the row as they saw it
 * @param baseVersion  the row's {@code version} they saw (null for an insert)
 * @param follows      ids of entries this one comes after (the same row's previous entry, the insert of a
 *                     payment's customer): the replay keeps that order whatever the writers' clocks say
 * @param paymentsSeen a customer's delete: the payments the person saw go with them, and only those
 * @param customer     a payment's insert: its customer as the person saw them, to recreate the customer
 * @param reasonCode   for a conflict, what kind: changed (fields, listed in {@code conflicts}), row_gone, customer_gone
 *                     (a payment's: Recreate the customer), payments_added, row_exists
 * @param conflicts    for a conflict: per field, the three values
 */
public record JournalEntry(
        String id,
        MirrorTable table,
        Op op,
        UUID rowId,
        Map<String, Object> fields,
        Map<String, Object> before,
        Long baseVersion,
        Instant madeAt,
        String madeBy,
        State state,
        Long appliedVersion,
        Instant appliedAt,
        String reason,
        String reasonCode,
        String resolvedBy,
        Instant resolvedAt,
        String resolution,
        List<String> follows,
        List<UUID> paymentsSeen,
        Map<String, Object> customer,
        List<FieldConflict> conflicts) {

    public JournalEntry {
        fields = frozen(fields);
        before = frozen(before);
        customer = customer == null ? null : frozen(customer);
        follows = follows == null ? List.of() : List.copyOf(follows);
        paymentsSeen = paymentsSeen == null ? null : List.copyOf(paymentsSeen);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    /** A change as it is made: pending, nothing happened to it yet. */
    public static JournalEntry pending(String id, MirrorTable table, Op op, UUID rowId, Map<String, Object> fields,
            Map<String, Object> before, Long baseVersion, Instant madeAt, String madeBy, List<String> follows,
            List<UUID> paymentsSeen, Map<String, Object> customer) {
        return new JournalEntry(id, table, op, rowId, fields, before, baseVersion, madeAt, madeBy, State.PENDING,
                null, null, null, null, null, null, null, follows, paymentsSeen, customer, List.of());
    }

    public enum Op {
        INSERT("insert"), UPDATE("update"), DELETE("delete");

        private final String code;

        Op(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public enum State {
        /** Made on the backup, not yet in Supabase. */
        PENDING("pending"),
        /** In Supabase (replayed, or a person kept it over Supabase's value). */
        APPLIED("applied"),
        /** Supabase changed the same thing meanwhile: a person decides (or decided: {@code resolvedAt}). */
        CONFLICT("conflict"),
        /** Does not follow the format, or Supabase refused its values: never applied, shown with the reason. */
        INVALID("invalid");

        private final String code;

        State(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A field the person changed that Supabase changed too: before, theirs on the backup, and Supabase's. */
    public record FieldConflict(String field, Object before, Object mine, Object supabase) {
    }

    /** The table and row this entry changes: {@code "customers:<uuid>"}. */
    public String rowKey() {
        return rowKey(table, rowId);
    }

    public static String rowKey(MirrorTable table, UUID rowId) {
        return table.tableName() + ":" + rowId;
    }

    /** A conflict or invalid entry nobody has decided about yet. */
    public boolean needsDecision() {
        return (state == State.CONFLICT || state == State.INVALID) && resolvedAt == null;
    }

    /** For a payment: the customer it belongs to after this change (or, for a delete, belonged to); else null. */
    public UUID paymentCustomer() {
        if (table != MirrorTable.PAYMENTS) {
            return null;
        }
        Object c = fields.containsKey("customer_id") ? fields.get("customer_id") : before.get("customer_id");
        try {
            return c == null ? null : UUID.fromString(c.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Object> frozen(Map<String, Object> m) {
        // LinkedHashMap: order kept and nulls allowed (Map.copyOf refuses null values)
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
