package shoptwin.status;

import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.RecoveryPlan;
import shoptwin.mirror.VerifyReport;

/**
 * What the status screen's buttons do to the mirror: verify, resync, retry parked changes, and the two ways out
 * while the mirror waits for a decision (Supabase went back in time, or the copy is another database's).
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

    /** The recover dry run: what bringing the backup's newer rows back into Supabase would do now, per table; writes nothing. */
    RecoveryPlan recoverPlan() throws Exception;

    /** Brings the backup's newer rows back into Supabase, then rebases the backup on the result and verifies. */
    WayOutOutcome recover(ProgressListener progress) throws Exception;

    /** Replaces the backup with Supabase as it is now (tombstones included), then verifies. */
    WayOutOutcome rebase(ProgressListener progress) throws Exception;
}
