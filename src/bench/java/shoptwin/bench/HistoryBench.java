package shoptwin.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import org.bson.Document;
import org.bson.RawBsonDocument;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.RestoreAsOf;
import shoptwin.mirror.RestoreAsOfReport;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;

/**
 * Issue 16's costs of the history (docs/history.md): 3a bytes per change in {@code shoptwin_history}, 3b the mirror's
 * catch-up with the history against without it, same backlog, same run, and 3c {@code restore --as-of} into an empty
 * database of the scale's customers and payments (1.1 million rows at full scale).
 */
final class HistoryBench {
    private HistoryBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        if (Boolean.parseBoolean(System.getProperty("bench.history.catchup", "true"))) { // -Dbench.history.catchup=false: 3c only
            catchUp(env, scale, report);
        }
        restoreAsOf(env, scale, report);
    }

    private static void catchUp(BenchEnv env, Scale scale, Report report) throws Exception {
        int n = scale.catchUpChanges();
        Report.Table table = new Report.Table("round", "history", "changes", "catch-up", "batches, time inside them");
        double[] rates = new double[2]; // the second round's: off, on
        double[] firstRound = new double[2];
        String bytes = "";
        // two rounds of without, then with, each on the same backlog made again in a fresh database: the first round
        // warms the JIT (and pays for it), the second is the one compared
        for (int run = 0; run < 4; run++) {
            boolean history = run % 2 == 1;
            int round = run / 2 + 1;
            Database db = env.freshPostgres("history_catchup_" + history, 4);
            MongoSettings target = env.freshMongo("history_catchup_" + history);
            try {
                BenchData.captureBacklog(db, n);
                long backlog = BenchEnv.changeLogSize(db);
                ShopTwinMirror.batchSummary();
                long t0 = System.nanoTime();
                try (ShopTwinMirror mirror = start(db, target, history)) {
                    mirror.awaitDrained(db, 15 * 60_000L);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double rate = backlog / seconds;
                (round == 2 ? rates : firstRound)[history ? 1 : 0] = rate;
                String batches = ShopTwinMirror.batchSummary();
                System.out.printf(Locale.ROOT, "catch-up, history %s: %,.0f changes/s (%s)%n", history ? "on" : "off", rate, batches);
                table.row(String.valueOf(round), history ? "on" : "off (`history(false)`)", Stats.count(backlog),
                        Stats.rate(rate) + " (" + Stats.seconds(seconds) + ")", batches);
                if (history && round == 2) {
                    MongoDatabase mongo = env.mongoDatabase(target);
                    long[] sum = rawSizes(mongo.getCollection(HistoryFormat.COLLECTION, RawBsonDocument.class));
                    double perChange = sum[1] / (double) backlog;
                    long copyBytes = 0;
                    long copyDocs = 0;
                    for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                        long[] s = rawSizes(mongo.getCollection(t.collectionName(), RawBsonDocument.class));
                        copyDocs += s[0];
                        copyBytes += s[1];
                    }
                    bytes = String.format(Locale.ROOT, "%,d history documents for %,d changes, %,d bytes of BSON in all:"
                                    + " **%.0f bytes per change** (the live copy beside it: %,d documents, %.0f bytes each). %s",
                            sum[0], backlog, sum[1], perChange, copyDocs, copyDocs == 0 ? 0.0 : copyBytes / (double) copyDocs,
                            collStats(mongo));
                    System.out.println(bytes);
                    report.target("history: catch-up with history ≥ 0.7× without", Stats.ratio(rates[1] / rates[0]),
                            rates[1] >= 0.7 * rates[0]);
                }
            } finally {
                env.dropMongo(target);
                env.dropPostgres(db);
            }
        }
        report.section("3a/3b. History: bytes per change, catch-up with and without it")
                .text("The catch-up backlog of section 1a (" + Stats.count(n) + " changes: 50% customer inserts, 30% updates,"
                        + " 10% payment inserts, 10% deletes), drained by the mirror twice in this run, each time made again in a"
                        + " fresh database: once with `MirrorService.builder().history(false)` and once with the history"
                        + " recorded (the default). Both with the console's default batch and, as in section 1a on the peer,"
                        + " unfenced writes (`fencedWrites(false)`). Two rounds of off then on; round 1 warms the JIT, round 2 is"
                        + " compared (round 1's ratio: " + Stats.ratio(firstRound[1] / firstRound[0]) + ").")
                .table(table)
                .text("Bytes per change: the sum of the history documents' BSON sizes (each read as a `RawBsonDocument`)"
                        + " divided by the changes. " + bytes + " Ratio with/without: " + Stats.ratio(rates[1] / rates[0]) + ".");
    }

    private static ShopTwinMirror start(Database db, MongoSettings mongo, boolean history) {
        MirrorService.Builder builder = MirrorService.builder().fencedWrites(false).history(history);
        return ShopTwinMirror.start(builder, db, mongo);
    }

    /** Documents and their BSON bytes, summed over a scan (collStats-free, so it runs on the peer as on MongoDB). */
    private static long[] rawSizes(MongoCollection<RawBsonDocument> coll) {
        long docs = 0;
        long bytes = 0;
        for (RawBsonDocument d : coll.find().batchSize(5_000)) {
            docs++;
            bytes += d.getByteBuffer().remaining();
        }
        return new long[] {docs, bytes};
    }

    /** What the server's own collStats says, if it answers (a real MongoDB does; the peer may not). */
    private static String collStats(MongoDatabase mongo) {
        try {
            Document s = mongo.runCommand(new Document("collStats", HistoryFormat.COLLECTION));
            return "The server's `collStats`: size " + s.get("size") + " bytes, count " + s.get("count")
                    + ", avgObjSize " + s.get("avgObjSize") + ".";
        } catch (RuntimeException e) {
            return "The server's `collStats` did not answer (" + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ").";
        }
    }

    private static void restoreAsOf(BenchEnv env, Scale scale, Report report) throws Exception {
        // -Dbench.jvm="-Xms1g -Xmx6g -Dbench.history.customers=N": another size; 0 skips 3c
        int customers = Integer.getInteger("bench.history.customers", scale.customers());
        if (customers <= 0) {
            return;
        }
        int perCustomer = scale.paymentsPerCustomer();
        Database source = env.freshPostgres("history_source", 4);
        Database empty = env.freshPostgres("history_empty", 4);
        MongoSettings copy = env.freshMongo("history_copy");
        try {
            // a new shop's rows, every one captured: the unfenced mirror (resync always fences, which the peer answers with
            // a scan per write, section 1f) records an insert version of each and the history is complete from its start
            BenchData.load(source, customers, perCustomer, true);
            long r0 = System.nanoTime();
            try (ShopTwinMirror mirror = start(source, copy, true)) {
                mirror.awaitDrained(source, 30 * 60_000L);
            }
            double resyncSeconds = (System.nanoTime() - r0) / 1e9;
            long rows = HistoryFormat.collection(env.mongoDatabase(copy)).countDocuments();
            System.out.printf(Locale.ROOT, "mirrored %,d rows with their history (%,d documents): %.1f s; restorable from %s%n",
                    customers * (1L + perCustomer), rows, resyncSeconds, RestoreAsOf.earliest(env.mongoDatabase(copy)));
            // a moment, then 1,000 customers changed after it (mirrored with history): the restore sets those back
            Instant moment = Instant.now();
            while (!Instant.now().isAfter(moment)) {
                Thread.onSpinWait();
            }
            int changed = Math.min(1_000, customers);
            try (Connection c = source.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("with picked as (select id from public.customers order by id limit " + changed + ") "
                        + "update public.customers c set notes = 'changed after the moment' from picked where c.id = picked.id");
            }
            try (ShopTwinMirror mirror = start(source, copy, true)) {
                mirror.awaitDrained(source, 15 * 60_000L);
            }
            // its phases (the history's read, each table's write, the totals) in the run's output
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RestoreAsOf.class)).setLevel(ch.qos.logback.classic.Level.INFO);
            long t0 = System.nanoTime();
            RestoreAsOfReport restored = new RestoreAsOf(empty, env.mongoDatabase(copy), moment).run(RestoreAsOf.Mode.INTO_EMPTY);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long restoredRows = 0;
            for (RestoreAsOfReport.TableResult t : restored.tables()) {
                restoredRows += t.rowsAtThatMoment();
            }
            long setBack;
            try (Connection c = empty.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from public.customers where notes = 'changed after the moment'")) {
                rs.next();
                setBack = changed - rs.getLong(1);
            }
            double rate = restoredRows / seconds;
            double extrapolated = 1_100_000 / rate;
            System.out.printf(Locale.ROOT, "restore --as-of: %,d rows in %.1f s, %,.0f rows/s; 1.1 M extrapolated %.0f s; %d of %d changed customers set back%n",
                    restoredRows, seconds, rate, extrapolated, setBack, changed);
            boolean goalSize = restoredRows >= 1_100_000;
            report.section("3c. `restore --as-of` into an empty database")
                    .text(Stats.count(customers) + " customers with " + perCustomer + " payments each, inserted with capture on"
                            + " as a new shop's rows and mirrored with their history (an insert version of each; the history is"
                            + " complete from the mirror's start; " + Stats.seconds(resyncSeconds) + " with unfenced writes), then " + Stats.count(changed) + " customers changed and"
                            + " mirrored with their history. `RestoreAsOf(...).run(INTO_EMPTY)` as of the moment before those"
                            + " changes, into a fresh, migrated, empty database: " + Stats.count(restoredRows) + " rows in "
                            + Stats.seconds(seconds) + " (" + Stats.rate(rate).replace("changes", "rows") + "); "
                            + setBack + " of the " + changed + " changed customers came back as they were."
                            + (goalSize ? "" : String.format(Locale.ROOT, " **Not the goal's size** (1.1 million rows):"
                            + " extrapolated linearly to 1.1 million, about %.0f s (an extrapolation, not a measurement).", extrapolated)));
            report.target("history: restore --as-of of 1.1 M rows ≤ 2 min" + (goalSize ? "" : " (extrapolated from "
                    + Stats.count(restoredRows) + ")"), Stats.seconds(goalSize ? seconds : extrapolated), (goalSize ? seconds : extrapolated) <= 120);
        } finally {
            env.dropMongo(copy);
            env.dropPostgres(source);
            env.dropPostgres(empty);
        }
    }
}
