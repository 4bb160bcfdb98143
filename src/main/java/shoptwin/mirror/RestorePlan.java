package shoptwin.mirror;

import java.util.List;
import shoptwin.store.copy.MirrorTable;

/**
 * What {@code shoptwin restore --dry-run} found a restore would do, per table, without writing anything:
 * rows it would insert (the copy has them, Supabase does not), update (both have them, different), delete
 * (with --exact: Supabase has them, the copy does not), and those already equal; and why it would refuse.
 */
public record RestorePlan(List<Table> tables, boolean force, boolean exact, List<String> refusals) {
    public RestorePlan {
        tables = List.copyOf(tables);
        refusals = List.copyOf(refusals);
    }

    /** {@code waiting} and {@code parked}: changes Supabase has that the copy does not yet. */
    public record Table(MirrorTable table, long insert, long update, long delete, long unchanged, long waiting, long parked) {
    }

    public boolean wouldRefuse() {
        return !refusals.isEmpty();
    }

    public Table table(MirrorTable table) {
        return tables.stream().filter(t -> t.table() == table).findFirst().orElseThrow();
    }

    public String describe() {
        StringBuilder sb = new StringBuilder("Restore, dry run (nothing was written):\n");
        for (Table t : tables) {
            sb.append(String.format("%-9s -> %-9s %d to insert, %d to update, %d to delete, %d already equal%s%n",
                    t.table().collectionName(), t.table().tableName(), t.insert(), t.update(), t.delete(), t.unchanged(),
                    t.waiting() + t.parked() == 0 ? "" : " (" + t.waiting() + " change(s) waiting, " + t.parked() + " parked)"));
        }
        if (refusals.isEmpty()) {
            sb.append("A restore with these options would go ahead.\n");
        } else {
            refusals.forEach(r -> sb.append(r.replace(" Nothing was written.", "")).append('\n'));
        }
        return sb.toString();
    }
}
