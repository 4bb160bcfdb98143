package shoptwin.bench;

import com.mongodb.client.MongoDatabase;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/**
 * 1b. Under load: 1, 4 and 16 clerks inserting, updating and deleting customers at full speed, end to end
 * (committed in PostgreSQL and visible in MongoDB), ShopTwin against the old design in the same run.
 */
final class UnderLoadBench {
    private UnderLoadBench() {
    }

    record Outcome(double seconds, double primarySeconds, long ops, Copies.Outcome copy) {
        double rate() {
            return ops / seconds;
        }
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        Report.Table table = new Report.Table("writers", "ShopTwin end to end", "ShopTwin primary only",
                "old design (write + replaceOne)", "ratio", "ShopTwin copy", "old copy");
        boolean notSlower16 = false;
        String measured16 = "not measured";
        for (int writers : new int[] {1, 4, 16}) {
            int ops = scale.loadOpsPerRun();
            Outcome old = runOld(env, writers, ops);
            System.out.printf("%d writers, old design: %,.0f ops/s%n", writers, old.rate());
            Outcome neu = null;
            String skip = "";
            try {
                neu = runShopTwin(env, writers, ops);
                System.out.printf("%d writers, ShopTwin: %,.0f ops/s end to end%n", writers, neu.rate());
            } catch (UnsupportedOperationException e) {
                skip = "not measured: " + e.getMessage();
            }
            if (neu == null) {
                table.row(String.valueOf(writers), skip, "–", Stats.rate(old.rate()), "–", "–", old.copy().toString());
            } else {
                table.row(String.valueOf(writers),
                        Stats.rate(neu.rate()) + " (" + Stats.seconds(neu.seconds()) + ")",
                        Stats.rate(neu.ops() / neu.primarySeconds()),
                        Stats.rate(old.rate()) + " (" + Stats.seconds(old.seconds()) + ")",
                        Stats.ratio(neu.rate() / old.rate()), neu.copy().toString(), old.copy().toString());
                if (writers == 16) {
                    notSlower16 = neu.rate() >= old.rate() && neu.copy().exact();
                    measured16 = Stats.ratio(neu.rate() / old.rate()) + " of the old design's rate, copy "
                            + (neu.copy().exact() ? "exact" : "DIFFERS");
                }
            }
        }
        report.section("1b. Mirror under load, end to end")
                .text("Each run: " + Stats.count(scale.loadOpsPerRun()) + " writes in total (50% inserts, 30% updates,"
                        + " 20% deletes of customers), split over 1, 4 or 16 writer threads with their own JDBC"
                        + " connections, autocommit. ShopTwin: the writers only write PostgreSQL (capture triggers on)"
                        + " while the mirror service runs; timed from the first write until the change log is empty,"
                        + " i.e. everything committed is visible in MongoDB (the *primary only* column is when the last"
                        + " writer finished). Old design: capture triggers off, each writer does its PostgreSQL write and"
                        + " then `replaceOne` (or `deleteOne`) of that row, in the same thread. Afterwards every row's"
                        + " id and version are compared with the copy.")
                .table(table);
        report.target("under load, 16 writers: not slower than the old design, nothing lost", measured16, notSlower16);
    }

    private static Outcome runOld(BenchEnv env, int writers, int ops) throws Exception {
        Database db = env.freshPostgres("load_old_" + writers, writers + 1);
        MongoSettings mongo = env.freshMongo("load_old_" + writers);
        try {
            BenchEnv.disableCapture(db);
            MongoDatabase m = env.mongoDatabase(mongo);
            double seconds = CustomerWriter.drive(db, m, writers, ops, 1000);
            return new Outcome(seconds, seconds, ops, Copies.outcome(db, m));
        } finally {
            env.dropPostgres(db);
            env.dropMongo(mongo);
        }
    }

    private static Outcome runShopTwin(BenchEnv env, int writers, int ops) throws Exception {
        Database db = env.freshPostgres("load_new_" + writers, writers + 1);
        MongoSettings mongo = env.freshMongo("load_new_" + writers);
        try (ShopTwinMirror mirror = ShopTwinMirror.start(db, mongo)) {
            long t0 = System.nanoTime();
            double primary = CustomerWriter.drive(db, null, writers, ops, 1000);
            mirror.awaitDrained(db, 10 * 60_000L);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Outcome(seconds, primary, ops, Copies.outcome(db, env.mongoDatabase(mongo)));
        } finally {
            env.dropPostgres(db);
            env.dropMongo(mongo);
        }
    }
}
