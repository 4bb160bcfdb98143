package shoptwin.bench;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
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
                "old design (write + replaceOne)", "ratio (median)", "ratios of the rounds", "ShopTwin copy", "old copy");
        boolean notSlower16 = false;
        String measured16 = "not measured";
        int rounds = scale.loadRounds();
        for (int writers : new int[] {1, 4, 16}) {
            int ops = scale.loadOpsPerRun();
            List<Outcome> olds = new ArrayList<>();
            List<Outcome> news = new ArrayList<>();
            // rounds alternate which design goes first, so that drift on the shared cores hits both alike
            for (int round = 0; round < rounds; round++) {
                if (round % 2 == 0) {
                    olds.add(runOld(env, writers, ops));
                    news.add(runShopTwin(env, writers, ops));
                } else {
                    news.add(runShopTwin(env, writers, ops));
                    olds.add(runOld(env, writers, ops));
                }
                System.out.printf("%d writers, round %d: old design %,.0f ops/s, ShopTwin %,.0f ops/s end to end%n",
                        writers, round + 1, olds.get(round).rate(), news.get(round).rate());
            }
            Outcome old = median(olds);
            Outcome neu = median(news);
            List<String> ratios = new ArrayList<>();
            boolean allExact = true;
            for (int i = 0; i < news.size(); i++) {
                ratios.add(Stats.ratio(news.get(i).rate() / olds.get(i).rate()));
                allExact &= news.get(i).copy().exact() && olds.get(i).copy().exact();
            }
            double ratio = neu.rate() / old.rate();
            table.row(String.valueOf(writers),
                    Stats.rate(neu.rate()) + " (" + Stats.seconds(neu.seconds()) + ")",
                    Stats.rate(neu.ops() / neu.primarySeconds()),
                    Stats.rate(old.rate()) + " (" + Stats.seconds(old.seconds()) + ")",
                    Stats.ratio(ratio), String.join(", ", ratios),
                    allExact ? "every round: " + neu.copy() : "DIFFERS in a round: " + neu.copy(), old.copy().toString());
            if (writers == 16) {
                notSlower16 = ratio >= 1 && allExact;
                measured16 = Stats.ratio(ratio) + " of the old design's rate (median of " + news.size() + " rounds: "
                        + String.join(", ", ratios) + "), copy " + (allExact ? "exact" : "DIFFERS");
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
                        + " id and version are compared with the copy. Each design runs " + rounds + " time(s) per"
                        + " number of writers, the rounds alternating which goes first; the table gives the median run"
                        + " of each and the ratio of their rates, then each round's ratio (this figure moves between"
                        + " runs more than any other: one sample would say little).")
                .table(table);
        report.target("under load, 16 writers: not slower than the old design, nothing lost", measured16, notSlower16);
    }

    /** The run with the median rate (the lower middle one for an even count). */
    private static Outcome median(List<Outcome> outcomes) {
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(java.util.Comparator.comparingDouble(Outcome::rate));
        return sorted.get((sorted.size() - 1) / 2);
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
