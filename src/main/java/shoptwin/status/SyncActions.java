package shoptwin.status;

import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.VerifyReport;

/**
 * What the status screen's buttons do to the mirror: verify, resync and retry parked changes.
 * Every method blocks on database I/O: call it off the UI thread. Implemented over the mirror's
 * classes by {@link MirrorSyncActions}; the screen's tests use a fake.
 */
public interface SyncActions {

    /** Compares PostgreSQL and MongoDB in full; stops early (report marked cancelled) when cancelled. */
    VerifyReport verify(ProgressListener progress, Cancellation cancellation) throws Exception;

    /** Rebuilds the copy from a PostgreSQL snapshot; stops after the current chunk when cancelled. */
    ResyncOutcome resync(ProgressListener progress, Cancellation cancellation) throws Exception;

    /** Moves every parked change back into the change log for another attempt; returns how many. */
    int retryParked() throws Exception;
}
