package shoptwin.status;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.Objects;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.Resync;
import shoptwin.mirror.ResyncReport;
import shoptwin.mirror.Verify;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.postgres.Database;

/** The status screen's buttons over the real mirror: Verify, Resync and the parked changes. */
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
        ResyncReport report = resync.run();
        List<ResyncOutcome.Table> tables = report.tables().stream()
                .map(t -> new ResyncOutcome.Table(t.table(), t.rows(), t.written(), t.deleted(), t.rejected()))
                .toList();
        return new ResyncOutcome(tables, report.cancelled(), report.took(), report.describe());
    }

    @Override
    public int retryParked() throws Exception {
        if (mirror == null) {
            throw new IllegalStateException("The mirror is not running in this console");
        }
        return mirror.retryParked(List.of());
    }
}
