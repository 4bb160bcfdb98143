package shoptwin.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import shoptwin.store.copy.MirrorTable;

/**
 * What {@code restore --as-of} found or did, per table: the rows the table held at that moment, and (into the live
 * database) how many rows are recreated (deleted since), changed back (changed since) and removed (created since).
 */
public record RestoreAsOfReport(Instant asOf, RestoreAsOf.Mode mode, List<TableResult> tables, Duration took) {
    public RestoreAsOfReport {
        tables = List.copyOf(tables);
    }

    public record TableResult(MirrorTable table, long rowsAtThatMoment, long recreated, long changedBack, long removed) {
        public boolean unchanged() {
            return recreated == 0 && changedBack == 0 && removed == 0;
        }
    }

    public TableResult table(MirrorTable table) {
        return tables.stream().filter(t -> t.table() == table).findFirst().orElseThrow();
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(switch (mode) {
            case INTO_EMPTY -> "Restored the shop as it was at " + asOf + " into the empty database";
            case DRY_RUN -> "Restore as of " + asOf + " (dry run, nothing was written): what --force would do";
            case FORCE -> "Restored the live database to how it was at " + asOf;
        }).append(":\n");
        for (TableResult t : tables) {
            sb.append(String.format("  %-9s %d row(s) at that moment", t.table().tableName(), t.rowsAtThatMoment()));
            if (mode != RestoreAsOf.Mode.INTO_EMPTY) {
                sb.append(String.format(mode == RestoreAsOf.Mode.FORCE ? ": %d recreated, %d changed back, %d removed"
                        : ": %d to recreate, %d to change back, %d to remove", t.recreated(), t.changedBack(), t.removed()));
            }
            sb.append('\n');
        }
        if (mode == RestoreAsOf.Mode.DRY_RUN) {
            sb.append(tables.stream().allMatch(TableResult::unchanged) ? "Nothing changed since then: --force would write nothing.\n"
                    : "Run it again with --force to make these changes (normal captured writes: mirrored, recorded, undoable).\n");
        } else {
            sb.append("Committed in ").append(took.toMillis()).append(" ms (one transaction).\n");
        }
        if (mode == RestoreAsOf.Mode.INTO_EMPTY) {
            // the copy is still the old database's (its marker names it): a plain resync refuses, and `recover` would
            // bring the later changes back into this database
            sb.append("The MongoDB backup still holds the shop after that moment, as the database it was made from: run"
                    + " `shoptwin resync --rebase` against this database to make the backup its copy (the history is kept)."
                    + " Not `shoptwin recover`: it would bring the later changes back.\n");
        }
        return sb.toString();
    }
}
