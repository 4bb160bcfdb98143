package shoptwin.mirror;

import java.time.Instant;
import shoptwin.store.copy.MirrorTable;

/**
 * One captured change: the row image after an INSERT or UPDATE, the key for a DELETE. {@code actor} is who
 * wrote it (JSON, see R__capture_change.sql; null for a change captured before ShopTwin recorded it),
 * {@code xact} the writing transaction (0 when unknown), {@code before} a deleted row's image (JSON, or null).
 */
public record ChangeLogEntry(long id, MirrorTable table, Op op, String rowId, String rowData, Instant changedAt,
                             String actor, long xact, String before) {
    public enum Op { INSERT, UPDATE, DELETE }

    public ChangeLogEntry(long id, MirrorTable table, Op op, String rowId, String rowData, Instant changedAt) {
        this(id, table, op, rowId, rowData, changedAt, null, 0, null);
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }
}
