package shoptwin.mirror;

import java.time.Duration;
import java.util.List;
import shoptwin.store.copy.MirrorTable;

/**
 * What a resync did, per table. {@code snapshotVersion} is the change-log position the snapshot
 * covers: every change with a smaller id was in it.
 */
public record ResyncReport(List<TableResult> tables, long snapshotVersion, boolean cancelled, Duration took) {
    public ResyncReport {
        tables = List.copyOf(tables);
    }

    /**
     * @param rows         rows in the snapshot
     * @param written      documents written (created or replaced)
     * @param keptNewer    documents left alone because the live mirror already wrote a newer change
     * @param deleted      documents removed because their row is gone
     * @param rejected     documents MongoDB refused (with up to 10 samples); the change log will retry them
     */
    public record TableResult(MirrorTable table, long rows, long written, long keptNewer, long deleted, long rejected,
                              List<String> rejectedSamples) {
        public TableResult {
            rejectedSamples = List.copyOf(rejectedSamples);
        }
    }

    public TableResult table(MirrorTable table) {
        return tables.stream().filter(t -> t.table() == table).findFirst().orElseThrow();
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (TableResult t : tables) {
            sb.append(String.format("%-9s -> %-9s rows %d: %d written, %d already newer, %d removed%s%n", t.table().tableName(),
                    t.table().collectionName(), t.rows(), t.written(), t.keptNewer(), t.deleted(),
                    t.rejected() == 0 ? "" : ", " + t.rejected() + " rejected by MongoDB " + t.rejectedSamples()));
        }
        sb.append(cancelled ? "Resync cancelled: the copy is partly rebuilt; the mirror keeps it converging.\n"
                : "Resync finished in " + took.toMillis() + " ms (snapshot at change " + snapshotVersion + ").\n");
        return sb.toString();
    }
}
