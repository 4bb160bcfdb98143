package shoptwin.bench;

import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/**
 * 1a. Catch-up after an outage: a backlog of captured changes drained into MongoDB by the mirror,
 * against replaying the same changes one replaceOne / deleteOne at a time (the old app's write pattern).
 */
final class CatchUpBench {
    private CatchUpBench() {
    }

    record Change(String table, String op, String rowId, Document doc) {
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        int n = scale.catchUpChanges();
        Database db = env.freshPostgres("catchup", 4);
        MongoSettings oldMongo = env.freshMongo("catchup_old");
        try {
            long t0 = System.nanoTime();
            BenchData.captureBacklog(db, n);
            long backlog = BenchEnv.changeLogSize(db);
            System.out.printf("backlog of %,d changes made in %.1f s%n", backlog, (System.nanoTime() - t0) / 1e9);

            // the old app had each row in hand: materialise the documents first, time only the MongoDB writes
            List<Change> changes = new ArrayList<>((int) backlog);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.setFetchSize(5_000);
                try (ResultSet rs = s.executeQuery(
                        "select table_name, op, row_id, row_data::text from shoptwin.change_log order by id")) {
                    while (rs.next()) {
                        String op = rs.getString(2);
                        changes.add(new Change(rs.getString(1), op, rs.getString(3),
                                op.equals("DELETE") ? null : OldDesign.fromJson(rs.getString(4))));
                    }
                }
                c.commit();
            }
            MongoDatabase old = env.mongoDatabase(oldMongo);
            long o0 = System.nanoTime();
            for (Change ch : changes) {
                if (ch.op().equals("DELETE")) {
                    OldDesign.delete(old, ch.table(), ch.rowId());
                } else {
                    OldDesign.replace(old, ch.table(), ch.doc());
                }
            }
            double oldSeconds = (System.nanoTime() - o0) / 1e9;
            double oldRate = backlog / oldSeconds;
            System.out.printf("one at a time: %,.0f changes/s%n", oldRate);

            // the mirror drains the same backlog, made again in a fresh database, once per batch size
            Report.Table table = new Report.Table("changes", "ShopTwin mirror", "batch size", "batches, time inside them",
                    "one at a time (old)", "ratio");
            double newRate = 0;
            String counts = "";
            for (int batchSize : new int[] {0, 250}) {
                Database mdb = batchSize == 0 ? db : env.freshPostgres("catchup_b" + batchSize, 4);
                MongoSettings target = env.freshMongo("catchup_new_b" + batchSize);
                try {
                    if (batchSize != 0) {
                        BenchData.captureBacklog(mdb, n);
                    }
                    long m0 = System.nanoTime();
                    try (ShopTwinMirror mirror = ShopTwinMirror.start(mdb, target, batchSize)) {
                        mirror.awaitDrained(mdb, 15 * 60_000L);
                    }
                    double newSeconds = (System.nanoTime() - m0) / 1e9;
                    double rate = backlog / newSeconds;
                    String batches = ShopTwinMirror.batchSummary();
                    System.out.printf("mirror, batch %s: %,.0f changes/s (%s)%n", batchSize == 0 ? "default" : batchSize, rate, batches);
                    table.row(Stats.count(backlog), Stats.rate(rate) + " (" + Stats.seconds(newSeconds) + ")",
                            batchSize == 0 ? "1,000 (default)" : Stats.count(batchSize), batches,
                            Stats.rate(oldRate) + " (" + Stats.seconds(oldSeconds) + ")", Stats.ratio(rate / oldRate));
                    String copy = Copies.compare(mdb, env.mongoDatabase(target));
                    counts += (counts.isEmpty() ? "" : "; ") + "batch " + (batchSize == 0 ? "default" : batchSize) + ": " + copy;
                    if (batchSize == 0) {
                        newRate = rate;
                    }
                } finally {
                    env.dropMongo(target);
                    if (mdb != db) {
                        env.dropPostgres(mdb);
                    }
                }
            }
            report.section("1a. Mirror catch-up after an outage")
                    .text("A backlog of " + Stats.count(backlog) + " captured changes (50% customer inserts, 30% updates,"
                            + " 10% payment inserts, 10% deletes), as the change log holds it after MongoDB was away."
                            + " ShopTwin: the mirror service started on it, timed until the change log is empty (every"
                            + " change read from PostgreSQL, written to MongoDB, acknowledged, and deleted from the log)."
                            + " Old design: the same changes replayed one `replaceOne` (upsert on `_id`) or `deleteOne`"
                            + " at a time; its documents were prepared in memory beforehand and only the MongoDB writes"
                            + " are timed, which flatters it. The mirror runs twice on the same backlog (made again in a"
                            + " fresh database): with the console's default batch of 1,000 and with 250, because the"
                            + " peer's cost of the batch's guard read grows with the square of the batch (section 1c).")
                    .table(table);
            report.sections.get(report.sections.size() - 1).text("Copy after the drain: " + counts);
            report.target("catch-up ≥ 20,000 changes/s", Stats.rate(newRate), newRate >= 20_000);
            report.target("catch-up ≥ 10× one-at-a-time replay", Stats.ratio(newRate / oldRate), newRate >= 10 * oldRate);
        } finally {
            env.dropPostgres(db);
            env.dropMongo(oldMongo);
        }
    }
}
