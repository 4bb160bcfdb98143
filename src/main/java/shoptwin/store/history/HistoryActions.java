package shoptwin.store.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import shoptwin.store.copy.MirrorTable;

/**
 * What a person can do with the history (issue 16): undo one change, restore a whole version, bring a deleted
 * customer or payment back. Each is a normal write to Supabase through {@link RowWrites}, so it is captured,
 * mirrored, recorded in the history in turn (and can itself be undone). Refusals say why, in a sentence
 * ({@link HistoryRefusedException}). Every method may block: call it off the UI thread.
 */
public final class HistoryActions {
    private final ShopHistory history;
    private final RowWrites writes;
    private final Function<Instant, String> when;

    /** @param when how a moment reads in a refusal ("14 Nov 2026 10:42", in the shop's zone) */
    public HistoryActions(ShopHistory history, RowWrites writes, Function<Instant, String> when) {
        this.history = history;
        this.writes = writes;
        this.when = when;
    }

    public ShopHistory history() {
        return history;
    }

    /** What a change touched, field by field (old → new); a delete or a starting point touched none. */
    public List<FieldChange> changes(RowVersion version) {
        if (version.kind() == ChangeKind.UPDATE) {
            List<RowVersion> all = history.versions(version.table(), version.rowId());
            RowVersion before = previous(all, version);
            return before == null ? List.of() : FieldChange.between(before.fields(), version.fields());
        }
        return List.of();
    }

    /** What an undo would do, without doing it: its outcome's sentence, or the refusal. */
    public String undo(RowVersion change) {
        return switch (change.kind()) {
            case SNAPSHOT -> throw new HistoryRefusedException("This is where the backup's history of this " + noun(change)
                    + " starts (recorded by a resync): there is no earlier version to go back to.");
            case DELETE -> {
                Restored r = undelete(change.table(), change.rowId());
                yield r.describe();
            }
            case INSERT -> undoInsert(change);
            case UPDATE -> undoUpdate(change);
        };
    }

    private String undoUpdate(RowVersion change) {
        List<RowVersion> all = history.versions(change.table(), change.rowId());
        RowVersion before = previous(all, change);
        if (before == null) {
            throw new HistoryRefusedException("The backup has no version of this " + noun(change)
                    + " from before that change, so it cannot be undone.");
        }
        List<FieldChange> touched = FieldChange.between(before.fields(), change.fields());
        if (touched.isEmpty()) {
            throw new HistoryRefusedException("That change changed nothing that can be undone (only the row's bookkeeping).");
        }
        Map<String, Object> current = currentOrRefuse(change, all);
        Set<String> fields = new LinkedHashSet<>();
        touched.forEach(t -> fields.add(t.field()));
        // a later change that touched the same fields wins: undoing this one would throw it away
        int at = indexOf(all, change);
        for (int i = at + 1; i < all.size(); i++) {
            Set<String> overlap = overlap(fields, FieldChange.between(all.get(i - 1).fields(), all.get(i).fields()));
            if (!overlap.isEmpty()) {
                RowVersion later = all.get(i);
                throw new HistoryRefusedException("Cannot undo this change: " + fieldNames(overlap) + (overlap.size() == 1 ? " was" : " were")
                        + " changed again later by " + later.actor().label() + " on " + when.apply(later.changedAt())
                        + ". Undo that change first, or use Restore this version.");
            }
        }
        Set<String> notYetMirrored = overlap(fields, FieldChange.between(all.get(all.size() - 1).fields(), current));
        if (!notYetMirrored.isEmpty()) {
            throw new HistoryRefusedException("Cannot undo this change: " + fieldNames(notYetMirrored)
                    + (notYetMirrored.size() == 1 ? " was" : " were")
                    + " changed again moments ago (the backup is still recording it). Look at the history again in a few seconds.");
        }
        Map<String, Object> back = new LinkedHashMap<>();
        touched.forEach(t -> back.put(t.field(), t.before()));
        writes.update(change.table(), change.rowId(), version(current), back);
        return "Undone: the " + noun(change) + "'s " + fieldNames(fields) + " set back as before the change.";
    }

    private String undoInsert(RowVersion change) {
        List<RowVersion> all = history.versions(change.table(), change.rowId());
        Map<String, Object> current = currentOrRefuse(change, all);
        RowVersion last = all.get(all.size() - 1);
        if (!last.key().equals(change.key()) || !FieldChange.between(last.fields(), current).isEmpty()) {
            throw new HistoryRefusedException("Cannot undo creating this " + noun(change) + ": it was changed after it was created."
                    + " Delete it instead if it should go.");
        }
        if (change.table() == MirrorTable.CUSTOMERS) {
            int payments = writes.paymentCount(change.rowId());
            if (payments > 0) {
                throw new HistoryRefusedException("Cannot undo creating this customer: " + payments + (payments == 1 ? " payment was" : " payments were")
                        + " added for them since. Delete the customer instead if they should go.");
            }
        }
        writes.delete(change.table(), change.rowId(), version(current));
        return "Undone: the " + noun(change) + " created then is deleted again (it is in the recycle bin).";
    }

    /** Sets every field of the row back to {@code version}'s values (a normal update). */
    public String restoreVersion(RowVersion version) {
        if (version.kind() == ChangeKind.DELETE) {
            throw new HistoryRefusedException("That version is the delete: restore the " + noun(version) + " from the recycle bin instead.");
        }
        List<RowVersion> all = history.versions(version.table(), version.rowId());
        Map<String, Object> current = currentOrRefuse(version, all);
        List<FieldChange> back = FieldChange.between(current, version.fields());
        if (back.isEmpty()) {
            throw new HistoryRefusedException("The " + noun(version) + " is already as in that version.");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        back.forEach(f -> fields.put(f.field(), f.after()));
        writes.update(version.table(), version.rowId(), version(current), fields);
        return "Restored the version of " + when.apply(version.changedAt()) + ": " + fieldNames(fields.keySet())
                + (fields.size() == 1 ? " is" : " are") + " as then.";
    }

    /** What a restore from the recycle bin brought back. */
    public record Restored(MirrorTable table, UUID id, String name, int payments) {
        public String describe() {
            return table == MirrorTable.CUSTOMERS
                    ? "Restored " + name + (payments == 0 ? "." : payments == 1 ? " and their payment." : " and their " + payments + " payments.")
                    : "Restored the payment" + (name == null ? "." : " of " + name + ".");
        }
    }

    /**
     * Brings a deleted row back with its original id, as it was when deleted; a customer with the payments deleted
     * with them (in the same transaction). Refused if the row exists, if the backup has not recorded the delete
     * yet ({@link NotRecordedYetException}), or (a payment) while its customer is deleted.
     */
    public Restored undelete(MirrorTable table, UUID id) {
        if (table == MirrorTable.SHOP) {
            throw new HistoryRefusedException("The shop's settings cannot be deleted, so there is nothing to restore.");
        }
        if (writes.current(table, id).isPresent()) {
            throw new HistoryRefusedException("This " + noun(table) + " exists: there is nothing to restore (restored already?).");
        }
        List<RowVersion> all = history.versions(table, id);
        RowVersion delete = all.isEmpty() ? null : all.get(all.size() - 1);
        if (delete == null || !delete.isDelete()) {
            throw new NotRecordedYetException("The backup has not recorded this " + noun(table)
                    + "'s delete yet (is MongoDB answering?). Try again in a moment, from the recycle bin.");
        }
        Map<String, Object> image = imageOf(delete, all);
        List<RowWrites.Row> rows = new ArrayList<>();
        rows.add(new RowWrites.Row(table, image));
        String name;
        int payments = 0;
        if (table == MirrorTable.CUSTOMERS) {
            name = String.valueOf(image.get("name"));
            for (RowVersion p : history.deletedWith(delete)) {
                if (!p.fields().isEmpty() && writes.current(MirrorTable.PAYMENTS, p.rowId()).isEmpty()) {
                    rows.add(new RowWrites.Row(MirrorTable.PAYMENTS, p.fields()));
                    payments++;
                }
            }
        } else {
            UUID customer = delete.customerId();
            Optional<Map<String, Object>> owner = customer == null ? Optional.empty() : writes.current(MirrorTable.CUSTOMERS, customer);
            if (owner.isEmpty()) {
                throw new HistoryRefusedException("This payment's customer is deleted too: restore the customer first (their payments come back with them).");
            }
            name = String.valueOf(owner.get().get("name"));
        }
        writes.insertAsTheyWere(rows);
        return new Restored(table, id, name, payments);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> imageOf(RowVersion delete, List<RowVersion> all) {
        if (!delete.fields().isEmpty()) {
            return delete.fields();
        }
        RowVersion before = previous(all, delete);
        if (before == null || before.fields().isEmpty()) {
            throw new HistoryRefusedException("The backup does not know how this " + noun(delete) + " was when it was deleted,"
                    + " so it cannot bring it back.");
        }
        return before.fields();
    }

    private Map<String, Object> currentOrRefuse(RowVersion v, List<RowVersion> all) {
        Optional<Map<String, Object>> current = writes.current(v.table(), v.rowId());
        if (current.isEmpty()) {
            RowVersion last = all.isEmpty() ? null : all.get(all.size() - 1);
            String by = last != null && last.isDelete() ? " by " + last.actor().label() + " on " + when.apply(last.changedAt()) : "";
            throw new HistoryRefusedException("The " + noun(v) + " was deleted later" + by
                    + ". Restore it from the recycle bin first.");
        }
        return current.get();
    }

    private static RowVersion previous(List<RowVersion> all, RowVersion v) {
        int at = indexOf(all, v);
        return at > 0 ? all.get(at - 1) : null;
    }

    private static int indexOf(List<RowVersion> all, RowVersion v) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).key().equals(v.key())) {
                return i;
            }
        }
        throw new HistoryRefusedException("That change is no longer in the backup's history (older than the retention?).");
    }

    private static Set<String> overlap(Set<String> fields, List<FieldChange> changes) {
        Set<String> out = new LinkedHashSet<>();
        for (FieldChange c : changes) {
            if (fields.contains(c.field())) {
                out.add(c.field());
            }
        }
        return out;
    }

    private static long version(Map<String, Object> row) {
        return row.get("version") instanceof Number n ? n.longValue() : -1;
    }

    /** "phone", "name and phone", "name, phone and email". */
    static String fieldNames(Set<String> fields) {
        List<String> names = fields.stream().map(f -> f.replace('_', ' ')).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String noun(RowVersion v) {
        return noun(v.table());
    }

    static String noun(MirrorTable t) {
        return switch (t) {
            case CUSTOMERS -> "customer";
            case PAYMENTS -> "payment";
            case SHOP -> "shop";
        };
    }
}
