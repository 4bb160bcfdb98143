package shoptwin.bench;

import java.util.UUID;
import shoptwin.store.postgres.Database;

/**
 * 3. What change capture costs the primary: one clerk's insert and update latency on two identical
 * databases, one with the capture triggers and one without, in alternating blocks so that drift
 * on a shared machine hits both sides alike.
 */
final class CaptureOverheadBench {
    private CaptureOverheadBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        Database on = env.freshPostgres("capture_on", 2);
        Database off = env.freshPostgres("capture_off", 2);
        try {
            BenchEnv.disableCapture(off);
            int perSide = scale.captureOps();
            int block = 100;
            long[] insOn = new long[perSide];
            long[] insOff = new long[perSide];
            long[] updOn = new long[perSide];
            long[] updOff = new long[perSide];
            try (CustomerWriter wOn = new CustomerWriter(on.dataSource(), null, 1);
                 CustomerWriter wOff = new CustomerWriter(off.dataSource(), null, 1)) {
                for (int i = 0; i < Math.min(2_000, perSide); i++) { // warm-up: JIT, plan caches, buffers
                    wOn.insert(UUID.randomUUID());
                    wOff.insert(UUID.randomUUID());
                    wOn.update(wOn.mine.get(i));
                    wOff.update(wOff.mine.get(i));
                }
                int warm = wOn.mine.size();
                for (int start = 0, round = 0; start < perSide; start += block, round++) {
                    int end = Math.min(perSide, start + block);
                    boolean onFirst = round % 2 == 0;
                    inserts(onFirst ? wOn : wOff, onFirst ? insOn : insOff, start, end);
                    inserts(onFirst ? wOff : wOn, onFirst ? insOff : insOn, start, end);
                    updates(onFirst ? wOn : wOff, onFirst ? updOn : updOff, start, end, warm);
                    updates(onFirst ? wOff : wOn, onFirst ? updOff : updOn, start, end, warm);
                }
            }
            Stats iOn = Stats.of(insOn);
            Stats iOff = Stats.of(insOff);
            Stats uOn = Stats.of(updOn);
            Stats uOff = Stats.of(updOff);
            double insertRatio = iOn.p(50) / iOff.p(50);
            double updateRatio = uOn.p(50) / uOff.p(50);
            report.section("3. Capture overhead on the primary")
                    .text("One writer, autocommit, " + Stats.count(perSide) + " inserts and " + Stats.count(perSide)
                            + " updates of customers per side, in alternating blocks of " + block + " on two identical"
                            + " databases of the same server: ShopTwin's schema with the capture triggers (change-log row +"
                            + " pg_notify in the writer's transaction) and the same schema with them disabled"
                            + " (`ALTER TABLE ... DISABLE TRIGGER customers_capture`), which is what the old design had."
                            + " No mirror runs during this measurement.")
                    .table(new Report.Table("write", "p50 with capture", "p50 without", "p50 ratio",
                            "p99 with capture", "p99 without", "p99 ratio")
                            .row("insert customer", Stats.ms(iOn.p(50)), Stats.ms(iOff.p(50)), Stats.ratio(insertRatio),
                                    Stats.ms(iOn.p(99)), Stats.ms(iOff.p(99)), Stats.ratio(iOn.p(99) / iOff.p(99)))
                            .row("update customer", Stats.ms(uOn.p(50)), Stats.ms(uOff.p(50)), Stats.ratio(updateRatio),
                                    Stats.ms(uOn.p(99)), Stats.ms(uOff.p(99)), Stats.ratio(uOn.p(99) / uOff.p(99))));
            report.target("capture overhead ≤ 10% at p50 (insert)",
                    String.format(java.util.Locale.ROOT, "%+.0f%%", (insertRatio - 1) * 100), insertRatio <= 1.10);
            report.target("capture overhead ≤ 10% at p50 (update)",
                    String.format(java.util.Locale.ROOT, "%+.0f%%", (updateRatio - 1) * 100), updateRatio <= 1.10);
        } finally {
            env.dropPostgres(on);
            env.dropPostgres(off);
        }
    }

    private static void inserts(CustomerWriter w, long[] out, int start, int end) throws Exception {
        for (int i = start; i < end; i++) {
            UUID id = UUID.randomUUID();
            long t0 = System.nanoTime();
            w.insert(id);
            out[i] = System.nanoTime() - t0;
        }
    }

    private static void updates(CustomerWriter w, long[] out, int start, int end, int skip) throws Exception {
        for (int i = start; i < end; i++) {
            java.util.UUID id = w.mine.get(skip + i);
            long t0 = System.nanoTime();
            w.update(id);
            out[i] = System.nanoTime() - t0;
        }
    }
}
