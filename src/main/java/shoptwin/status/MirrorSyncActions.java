package shoptwin.status;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Objects;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.Recovery;
import shoptwin.mirror.RecoveryPlan;
import shoptwin.mirror.Resync;
import shoptwin.mirror.ResyncReport;
import shoptwin.mirror.Verify;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.postgres.Database;

/** The status screen's buttons over the real mirror: Verify, Resync, the parked changes and the two ways out. */
public final class MirrorSyncActions implements SyncActions {
    private final Database database;
    private final MongoDatabase mongo;
    private final MirrorService mirror;

    /** @param mirror the running mirror service, for the parked changes; may be null (retry then fails clearly) */
    public MirrorSyncActions(Database database, MongoDatabase mongo, MirrorService mirror) {
        this.database = Objects.requireNonNull(database, "database");
        this.mongo = Objects.requireNonNull(mongo, "mongo");
        this.mirror = mirror;
    }

    @Override
    public VerifyReport verify(ProgressListener progress, Cancellation cancellation) throws Exception {
        Verify verify = new Verify(database, mongo).onProgress(progress);
        cancellation.onCancel(verify::cancel);
        return verify.run();
    }

    @Override
    public ResyncOutcome resync(ProgressListener progress, Cancellation cancellation) throws Exception {
        Resync resync = new Resync(database, mongo).onProgress(progress);
        cancellation.onCancel(resync::cancel);
        return outcome(resync.run());
    }

    private static ResyncOutcome outcome(ResyncReport report) {
        List<ResyncOutcome.Table> tables = report.tables().stream()
                .map(t -> new ResyncOutcome.Table(t.table(), t.rows(), t.written(), t.deleted(), t.rejected()))
                .toList();
        return new ResyncOutcome(tables, report.cancelled(), report.took(), report.describe());
    }

    @Override
    public RecoveryPlan recoverPlan() throws Exception {
        return new Recovery(database, mongo).plan();
    }

    @Override
    public WayOutOutcome recover(ProgressListener progress) throws Exception {
        Recovery.Outcome done = new Recovery(database, mongo).onProgress(progress).apply();
        return new WayOutOutcome(done.plan(), outcome(done.rebase()), done.verify());
    }

    /** Not cancellable: a rebase stopped halfway leaves the mirror waiting until one finishes. */
    @Override
    public WayOutOutcome rebase(ProgressListener progress) throws Exception {
        ResyncReport rebased = new Resync(database, mongo).rebase(true).onProgress(progress).run();
        VerifyReport verify = new Verify(database, mongo).run();
        return new WayOutOutcome(null, outcome(rebased), verify);
    }

    @Override
    public int retryParked() throws Exception {
        if (mirror == null) {
            throw new IllegalStateException("The mirror is not running in this console");
        }
        return mirror.retryParked(List.of());
    }
}
