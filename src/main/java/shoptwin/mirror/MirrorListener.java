package shoptwin.mirror;

import java.util.List;
import shoptwin.store.copy.MirrorTable;

/** Follows the mirror. Methods run on the mirror thread: return quickly. All are optional. */
public interface MirrorListener {
    /** A new health snapshot was published. */
    default void healthChanged(MirrorHealth health) {
    }

    /** A batch reached MongoDB and left the change log. */
    default void batchApplied(BatchResult result) {
    }

    /** MongoDB rejected these changes for reasons of their own documents; they were parked. */
    default void parked(List<ParkedChange> changes) {
    }

    /** Something failed (already masked); the mirror will retry. */
    default void error(String maskedMessage) {
    }

    /** What one batch did; {@code acknowledged}: the change-log rows it removed, counted by table and operation. */
    record BatchResult(int changesRead, int documentsWritten, int staleSkipped, int parked, long millis, long backlogAfter,
                       java.util.Map<MirrorTable, java.util.Map<ChangeLogEntry.Op, Long>> acknowledged) {
    }
}
