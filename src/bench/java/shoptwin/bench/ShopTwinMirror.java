package shoptwin.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.Verify;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.postgres.Database;

/** The bench's handle on ShopTwin's mirror service (shoptwin.mirror): start, drain, stop, resync, verify. */
final class ShopTwinMirror implements AutoCloseable {
    static final java.util.concurrent.atomic.AtomicLong BATCHES = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong CHANGES = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong BATCH_MILLIS = new java.util.concurrent.atomic.AtomicLong();

    static String batchSummary() {
        String out = String.format(java.util.Locale.ROOT, "%d batches, %.1f s",
                BATCHES.get(), BATCH_MILLIS.get() / 1000.0);
        BATCHES.set(0);
        CHANGES.set(0);
        BATCH_MILLIS.set(0);
        return out;
    }

    private final MirrorService service;
    private final Thread thread;

    private ShopTwinMirror(MirrorService service) {
        this.service = service;
        this.thread = new Thread(service, "mirror");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the mirror from {@code db} to {@code mongo} on its own thread, with the console's defaults. */
    static ShopTwinMirror start(Database db, MongoSettings mongo) {
        return start(db, mongo, 0);
    }

    /**
     * With {@code batchSize} 0: the console's default. Writes are not fenced by version here: mongo-java-server scans the
     * whole collection for a filter on {@code _id} and {@code _v}, which makes the benches at scale unmeasurable (section
     * 1f, {@link FenceCostBench}); the console and the service always fence.
     */
    static ShopTwinMirror start(Database db, MongoSettings mongo, int batchSize) {
        return start(db, mongo, batchSize, false);
    }

    static ShopTwinMirror start(Database db, MongoSettings mongo, int batchSize, boolean fenced) {
        MirrorService.Builder builder = MirrorService.builder().fencedWrites(fenced);
        if (batchSize > 0) {
            builder.batchSize(batchSize);
        }
        return start(builder, db, mongo);
    }

    /** Starts a mirror set up by {@code builder} (its batch, fencing, history), counting its batches. */
    static ShopTwinMirror start(MirrorService.Builder builder, Database db, MongoSettings mongo) {
        ShopTwinMirror m = new ShopTwinMirror(builder.database(db).mongo(mongo)
                .listener(new shoptwin.mirror.MirrorListener() {
                    @Override
                    public void batchApplied(BatchResult r) {
                        BATCHES.incrementAndGet();
                        CHANGES.addAndGet(r.changesRead());
                        BATCH_MILLIS.addAndGet(r.millis());
                    }
                }).build());
        return m;
    }

    MirrorService service() {
        return service;
    }

    /** Waits until the change log is empty: every captured change has been acknowledged by MongoDB. */
    void awaitDrained(Database db, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (BenchEnv.changeLogSize(db) > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the mirror did not drain within " + timeoutMillis + " ms: "
                        + service.health());
            }
            Thread.sleep(5);
        }
    }

    /** What {@link #resync} runs. */
    static final String RESYNC_NAME = "ShopTwin's Resync (`shoptwin.mirror.Resync`, as `shoptwin resync` and the console run it)";

    /** Rebuilds the copy; returns the number of rows copied. */
    static long resync(Database db, MongoSettings mongo) throws Exception {
        try (MongoClient client = MongoClients.create(mongo.uri())) {
            shoptwin.mirror.ResyncReport report = new shoptwin.mirror.Resync(db, client.getDatabase(mongo.database())).run();
            long rows = 0;
            for (shoptwin.mirror.ResyncReport.TableResult t : report.tables()) {
                rows += t.rows();
            }
            return rows;
        }
    }

    /** Compares both sides in full; returns a one-line outcome. */
    static String verify(Database db, MongoSettings mongo) throws Exception {
        try (MongoClient client = MongoClients.create(mongo.uri())) {
            VerifyReport report = new Verify(db, client.getDatabase(mongo.database())).run();
            return report.isEqual() ? "equal" : "DIFFERS: " + report.describe();
        }
    }

    @Override
    public void close() throws Exception {
        service.close();
        thread.join(30_000);
    }
}
