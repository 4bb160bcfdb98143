package shoptwin.mirror;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import shoptwin.store.copy.MirrorTable;

/** What a restore wrote into PostgreSQL, per table. */
public record RestoreReport(List<TableResult> tables, boolean force, boolean exact, Duration took) {
    public RestoreReport {
        tables = List.copyOf(tables);
    }

    /**
     * @param documents     documents read from the copy; restored: rows inserted or updated; deleted: rows absent from the copy
     * @param unknownFields fields of the copy's documents that the table has no column for (dropped or renamed in
     *                      Supabase), with how many documents had each: not restored, never written to another column
     */
    public record TableResult(MirrorTable table, long documents, long restored, long deleted, Map<String, Long> unknownFields) {
        public TableResult {
            unknownFields = Map.copyOf(unknownFields);
        }

        public TableResult(MirrorTable table, long documents, long restored, long deleted) {
            this(table, documents, restored, deleted, Map.of());
        }
    }

    public TableResult table(MirrorTable table) {
        return tables.stream().filter(t -> t.table() == table).findFirst().orElseThrow();
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (TableResult t : tables) {
            sb.append(String.format("%-9s -> %-9s documents %d: %d row(s) restored%s%n", t.table().collectionName(),
                    t.table().tableName(), t.documents(), t.restored(), exact ? ", " + t.deleted() + " absent row(s) deleted" : ""));
            new java.util.TreeMap<>(t.unknownFields()).forEach((field, n) -> sb.append(String.format(
                    "  field %s (in %d document(s)) has no column in %s (dropped or renamed in Supabase?): not restored%n",
                    field, n, t.table().qualifiedTableName())));
        }
        sb.append("Restore committed in ").append(took.toMillis()).append(" ms (one transaction).\n");
        return sb.toString();
    }
}
