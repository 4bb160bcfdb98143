package shoptwin.store.history;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import shoptwin.store.copy.MirrorTable;

/**
 * One version of one row, as the history holds it (docs/history.md): what the change was, when it was captured
 * (to the microsecond), who made it, and the row's fields after it ({@code fields}, in the copy's names with
 * {@code id} for the key, as plain Java values: BigDecimal, Instant, String...). For a delete, {@code fields}
 * is the row as it was when deleted (empty if the history did not get it).
 *
 * @param key        the version's id in the history: the change itself
 * @param customerId the customer this change belongs to (a payment's customer); null for the shop
 * @param version    the row's version column after the change (the delete: before it); null if unknown
 * @param xact       the writing transaction, 0 if unknown: a customer and their payments deleted together share it
 */
public record RowVersion(String key, MirrorTable table, UUID rowId, UUID customerId, long changeId, Long version,
                         ChangeKind kind, Instant changedAt, Actor actor, Map<String, Object> fields, long xact) {
    public RowVersion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(changedAt, "changedAt");
        actor = actor == null ? Actor.UNKNOWN : actor;
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A field's value after the change (before it, for a delete); null if absent. */
    public Object field(String name) {
        return fields.get(name);
    }

    public boolean isDelete() {
        return kind == ChangeKind.DELETE;
    }
}
