package shoptwin.mirror;

import java.time.Instant;
import shoptwin.store.copy.MirrorTable;

/** One captured change: the row image after an INSERT or UPDATE, the key for a DELETE. */
public record ChangeLogEntry(long id, MirrorTable table, Op op, String rowId, String rowData, Instant changedAt) {
    public enum Op { INSERT, UPDATE, DELETE }

    public boolean isDelete() {
        return op == Op.DELETE;
    }
}
