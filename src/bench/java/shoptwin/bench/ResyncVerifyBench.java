package shoptwin.bench;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/**
 * 4. Resync (rebuild the whole copy) and verify (compare both sides in full) over the big shop, against
 * a one-document-at-a-time copy and check, measured on a sample and extrapolated.
 */
final class ResyncVerifyBench {
    private ResyncVerifyBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report, SharedData shared) throws Exception {
        Database db = shared.shop();
        long rows = shared.rows();
        int sample = scale.oneByOneSample();

        // the old way: one replaceOne per row, then one find per row to check it
        MongoSettings oneByOne = env.freshMongo("one_by_one");
        double copyRate;
        double checkRate;
        try {
            List<Document[]> docs = sampleRows(db, sample);
            MongoDatabase m = env.mongoDatabase(oneByOne);
            long c0 = System.nanoTime();
            for (Document[] d : docs) {
                OldDesign.replace(m, (String) d[1].get("table"), d[0]);
            }
            copyRate = docs.size() / ((System.nanoTime() - c0) / 1e9);
            long v0 = System.nanoTime();
            long same = 0;
            for (Document[] d : docs) {
                Document found = m.getCollection((String) d[1].get("table")).find(Filters.eq("_id", d[0].get("_id"))).first();
                if (d[0].equals(found)) {
                    same++;
                }
            }
            checkRate = docs.size() / ((System.nanoTime() - v0) / 1e9);
            if (same != docs.size()) {
                System.err.println("one-by-one check: only " + same + " of " + docs.size() + " equal");
            }
        } finally {
            env.dropMongo(oneByOne);
        }
        System.out.printf("one at a time: copy %,.0f rows/s, check %,.0f rows/s%n", copyRate, checkRate);

        Report.Table table = new Report.Table("operation", "ShopTwin", "rows/s", "one document at a time",
                "ratio");
        MongoSettings target = env.freshMongo("resync");
        long r0 = System.nanoTime();
        long copied = ShopTwinMirror.resync(db, target);
        double resyncSeconds = (System.nanoTime() - r0) / 1e9;
        shared.useCopy(target);
        System.out.printf("resync: %,d rows in %.1f s%n", copied, resyncSeconds);
        long v0 = System.nanoTime();
        String outcome = ShopTwinMirror.verify(db, target);
        double verifySeconds = (System.nanoTime() - v0) / 1e9;
        System.out.printf("verify: %s in %.1f s%n", outcome, verifySeconds);
        table.row("resync " + Stats.count(rows) + " rows", Stats.seconds(resyncSeconds), Stats.rate(rows / resyncSeconds),
                Stats.seconds(rows / copyRate) + " (" + Stats.rate(copyRate) + ")",
                Stats.ratio((rows / resyncSeconds) / copyRate));
        table.row("verify " + Stats.count(rows) + " rows: " + outcome, Stats.seconds(verifySeconds),
                Stats.rate(rows / verifySeconds), Stats.seconds(rows / checkRate) + " (" + Stats.rate(checkRate) + ")",
                Stats.ratio((rows / verifySeconds) / checkRate));
        report.section("4. Resync and verify")
                .text(Stats.count(scale.customers()) + " customers and " + Stats.count(rows - scale.customers())
                        + " payments (loaded with one `INSERT ... SELECT generate_series` per table in "
                        + Stats.seconds(shared.loadSeconds) + "). ShopTwin: Resync into an empty MongoDB database, then"
                        + " Verify of the whole copy. One document at a time: `replaceOne` (upsert on `_id`) per row for"
                        + " the copy and `find({_id})` + compare per row for the check, measured on a sample of "
                        + Stats.count(sample) + " rows (customers and payments in the data's proportion) and"
                        + " extrapolated linearly to all rows.")
                .table(table)
                .text("Resync measured: " + ShopTwinMirror.RESYNC_NAME + ".");
        report.target("resync of " + Stats.count(rows) + " rows ≤ 60 s",
                Stats.seconds(resyncSeconds), resyncSeconds <= 60);
        report.target("verify of " + Stats.count(rows) + " rows ≤ 60 s",
                Stats.seconds(verifySeconds), verifySeconds <= 60);
    }

    /** About {@code sample} rows as documents, customers and payments in the data's proportion: [doc, {table}]. */
    private static List<Document[]> sampleRows(Database db, int sample) throws Exception {
        List<Document[]> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long customers;
            long payments;
            try (ResultSet rs = s.executeQuery("select (select count(*) from public.customers), (select count(*) from public.payments)")) {
                rs.next();
                customers = rs.getLong(1);
                payments = rs.getLong(2);
            }
            long share = Math.max(1, sample * customers / (customers + payments));
            read(s, "customers", share, out);
            read(s, "payments", sample - share, out);
        }
        return out;
    }

    private static void read(Statement s, String table, long limit, List<Document[]> out) throws Exception {
        try (ResultSet rs = s.executeQuery("select * from public." + table + " limit " + limit)) {
            while (rs.next()) {
                out.add(new Document[] {OldDesign.fromRow(rs), new Document("table", table)});
            }
        }
    }
}
