package shoptwin.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.FlakyProxy;

/**
 * 1d. The same comparisons with the network between the shop and MongoDB that production has: every
 * MongoDB connection of both designs goes through a TCP proxy (shoptwin.testing.FlakyProxy) that holds
 * each chunk {@value #ONE_WAY_MS} ms, so a request/response costs about {@value #ONE_WAY_MS}×2 ms more,
 * as between two services in one cloud region. On localhost a round trip costs ~0.05 ms, which hides
 * what one-document-at-a-time costs in real life.
 */
final class LatencyBench {
    static final int ONE_WAY_MS = 1;

    private LatencyBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        int backlogSize = scale.catchUpChanges() / 5;
        int ops = scale.loadOpsPerRun() / 2;
        Report.Table table = new Report.Table("measurement", "ShopTwin", "old design", "ratio", "copies");
        double catchUpRatio;
        double loadRatio;
        boolean exact;
        try (FlakyProxy proxy = FlakyProxy.toMongo(env.mongoUri()).delay(Duration.ofMillis(ONE_WAY_MS))) {
            String uri = proxy.mongoUri(Duration.ofSeconds(120));
            // catch-up: the same backlog, replayed one at a time vs drained by the mirror
            Database db = env.freshPostgres("lat_catchup", 4);
            MongoSettings oldMongo = env.freshMongo("lat_catchup_old");
            MongoSettings newMongo = new MongoSettings(uri, env.freshMongo("lat_catchup_new").database());
            try (MongoClient viaProxy = MongoClients.create(uri)) {
                BenchData.captureBacklog(db, backlogSize);
                List<CatchUpBench.Change> changes = readBacklog(db);
                MongoDatabase old = viaProxy.getDatabase(oldMongo.database());
                long o0 = System.nanoTime();
                for (CatchUpBench.Change ch : changes) {
                    if (ch.op().equals("DELETE")) {
                        OldDesign.delete(old, ch.table(), ch.rowId());
                    } else {
                        OldDesign.replace(old, ch.table(), ch.doc());
                    }
                }
                double oldRate = changes.size() / ((System.nanoTime() - o0) / 1e9);
                long m0 = System.nanoTime();
                try (ShopTwinMirror mirror = ShopTwinMirror.start(db, newMongo)) {
                    mirror.awaitDrained(db, 10 * 60_000L);
                }
                double newRate = changes.size() / ((System.nanoTime() - m0) / 1e9);
                ShopTwinMirror.batchSummary();
                catchUpRatio = newRate / oldRate;
                String copy = Copies.compare(db, env.mongoDatabase(newMongo));
                table.row("catch-up of " + Stats.count(changes.size()) + " changes", Stats.rate(newRate), Stats.rate(oldRate),
                        Stats.ratio(catchUpRatio), "ShopTwin: " + copy);
                System.out.printf("with latency, catch-up: mirror %,.0f/s, one at a time %,.0f/s%n", newRate, oldRate);
            } finally {
                env.dropPostgres(db);
                env.dropMongo(oldMongo);
                env.dropMongo(newMongo);
            }

            // under load: 16 writers, end to end
            int writers = 16;
            Database oldDb = env.freshPostgres("lat_load_old", writers + 1);
            Database newDb = env.freshPostgres("lat_load_new", writers + 1);
            MongoSettings oldLoad = env.freshMongo("lat_load_old");
            MongoSettings newLoad = new MongoSettings(uri, env.freshMongo("lat_load_new").database());
            try (MongoClient viaProxy = MongoClients.create(uri)) {
                BenchEnv.disableCapture(oldDb);
                double oldSeconds = CustomerWriter.drive(oldDb, viaProxy.getDatabase(oldLoad.database()), writers, ops, 2000);
                double newSeconds;
                double primarySeconds;
                try (ShopTwinMirror mirror = ShopTwinMirror.start(newDb, newLoad)) {
                    long t0 = System.nanoTime();
                    primarySeconds = CustomerWriter.drive(newDb, null, writers, ops, 2000);
                    mirror.awaitDrained(newDb, 10 * 60_000L);
                    newSeconds = (System.nanoTime() - t0) / 1e9;
                }
                ShopTwinMirror.batchSummary();
                Copies.Outcome newCopy = Copies.outcome(newDb, env.mongoDatabase(newLoad));
                Copies.Outcome oldCopy = Copies.outcome(oldDb, env.mongoDatabase(oldLoad));
                loadRatio = (ops / newSeconds) / (ops / oldSeconds);
                exact = newCopy.exact();
                table.row(writers + " writers, " + Stats.count(ops) + " writes, end to end",
                        Stats.rate(ops / newSeconds) + " (primary only " + Stats.rate(ops / primarySeconds) + ")",
                        Stats.rate(ops / oldSeconds), Stats.ratio(loadRatio), "ShopTwin: " + newCopy + "; old: " + oldCopy);
                System.out.printf("with latency, 16 writers: ShopTwin %,.0f/s, old %,.0f/s%n", ops / newSeconds, ops / oldSeconds);
            } finally {
                env.dropPostgres(oldDb);
                env.dropPostgres(newDb);
                env.dropMongo(oldLoad);
                env.dropMongo(newLoad);
            }
        }
        report.section("1d. Catch-up and load with a network between the shop and MongoDB")
                .text("Sections 1a and 1b again (a smaller backlog, half the writes), but every MongoDB connection of both"
                        + " designs goes through a TCP proxy that holds each chunk " + ONE_WAY_MS + " ms each way"
                        + " (`shoptwin.testing.FlakyProxy`), i.e. about " + (2 * ONE_WAY_MS) + " ms more per round trip, as"
                        + " between two services in one cloud region. On localhost a round trip costs about 0.05 ms on"
                        + " this peer, which hides the old design's real cost: one round trip per change.")
                .table(table);
        report.target("with " + (2 * ONE_WAY_MS) + " ms round trips to MongoDB: catch-up ≥ 10× one-at-a-time replay",
                Stats.ratio(catchUpRatio), catchUpRatio >= 10);
        report.target("with " + (2 * ONE_WAY_MS) + " ms round trips to MongoDB: 16 writers not slower than the old design, nothing lost",
                Stats.ratio(loadRatio) + (exact ? ", copy exact" : ", copy DIFFERS"), loadRatio >= 1 && exact);
    }

    static List<CatchUpBench.Change> readBacklog(Database db) throws Exception {
        List<CatchUpBench.Change> changes = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(5_000);
            try (ResultSet rs = s.executeQuery("select table_name, op, row_id, row_data::text from shoptwin.change_log order by id")) {
                while (rs.next()) {
                    String op = rs.getString(2);
                    changes.add(new CatchUpBench.Change(rs.getString(1), op, rs.getString(3),
                            op.equals("DELETE") ? null : OldDesign.fromJson(rs.getString(4))));
                }
            }
            c.commit();
        }
        return changes;
    }
}
