package shoptwin.mirror;

import java.time.Instant;
import shoptwin.store.copy.MirrorTable;

/** A change MongoDB rejected for a reason of that document alone, kept for a retry. */
public record ParkedChange(long id, MirrorTable table, ChangeLogEntry.Op op, String rowId, Instant changedAt,
                           Instant parkedAt, int attempts, String error) {
}
