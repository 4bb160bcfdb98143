package shoptwin.mirror;

import shoptwin.store.copy.MirrorTable;

/** Progress of a resync, verify or restore, per table. Called on the worker thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (table, done, total) -> { };

    /** {@code total} is an estimate taken at the start (rows or documents); {@code done} may pass it. */
    void progress(MirrorTable table, long done, long total);
}
