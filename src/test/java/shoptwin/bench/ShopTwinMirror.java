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
        String out = String.format(java.util.Locale.ROOT, "%d batches, %d changes, %d ms inside batches",
                BATCHES.get(), CHANGES.get(), BATCH_MILLIS.get());
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
        ShopTwinMirror m = new ShopTwinMirror(MirrorService.builder().database(db).mongo(mongo)
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

    /** What {@link #resync} runs: ShopTwin's Resync or the bench's interim stand-in. */
    static final String RESYNC_NAME = "interim stand-in (Resync not on main yet): cursor + DocumentMapper + insertMany of 1,000";

    /**
     * Rebuilds the copy; returns the number of rows copied. Interim, until Resync lands: the rows streamed
     * with a server-side cursor, mapped by the mirror's DocumentMapper, written with insertMany of 1,000.
     */
    static long resync(Database db, MongoSettings mongo) throws Exception {
        long rows = 0;
        try (MongoClient client = MongoClients.create(mongo.uri());
             java.sql.Connection c = db.dataSource().getConnection();
             java.sql.Statement s = c.createStatement()) {
            var mapper = shoptwin.mirror.DocumentMapper.load(c);
            c.setAutoCommit(false);
            s.setFetchSize(2_000);
            for (var table : shoptwin.mirror.MirrorTable.IN_DEPENDENCY_ORDER) {
                var coll = client.getDatabase(mongo.database()).getCollection(table.collectionName());
                java.util.List<org.bson.Document> batch = new java.util.ArrayList<>();
                try (var rs = s.executeQuery("select to_jsonb(t)::text, version from " + table.qualifiedTableName() + " t")) {
                    while (rs.next()) {
                        batch.add(mapper.toVersionedDocument(table, shoptwin.mirror.DocumentMapper.parse(rs.getString(1)), rs.getLong(2)));
                        rows++;
                        if (batch.size() == 1_000) {
                            coll.insertMany(batch);
                            batch.clear();
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    coll.insertMany(batch);
                }
            }
            c.commit();
        }
        return rows;
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
