package shoptwin.mirror;

import java.util.List;
import shoptwin.store.copy.MirrorTable;

/**
 * What bringing the backup's newer data back into Supabase does (or did), per table: rows to recreate (the
 * copy has them, Supabase lost them), to change back (the copy's version is newer), to delete (the copy
 * deleted them after the point Supabase went back to), and conflicts: rows Supabase changed since, kept as
 * Supabase has them (up to 10 sample ids each).
 */
public record RecoveryPlan(List<Table> tables) {
    public RecoveryPlan {
        tables = List.copyOf(tables);
    }

    public record Table(MirrorTable table, long recreate, long changeBack, long delete, long conflicts, List<String> conflictSamples) {
        public Table {
            conflictSamples = List.copyOf(conflictSamples);
        }
    }

    public Table table(MirrorTable table) {
        return tables.stream().filter(t -> t.table() == table).findFirst().orElseThrow();
    }

    public long changes() {
        return tables.stream().mapToLong(t -> t.recreate() + t.changeBack() + t.delete()).sum();
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            sb.append(String.format("%-9s %d to recreate, %d to change back, %d to delete; %d changed in Supabase since, kept as"
                    + " Supabase has them%s%n", t.table().tableName(), t.recreate(), t.changeBack(), t.delete(), t.conflicts(),
                    t.conflictSamples().isEmpty() ? "" : " " + t.conflictSamples()));
        }
        return sb.toString();
    }
}
