package shoptwin.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import shoptwin.store.postgres.Database;

/**
 * 3. What change capture costs the primary: one clerk's insert and update latency on two identical
 * databases, one with the capture triggers and one without, in alternating blocks so that drift on a
 * shared machine hits both sides alike; with the embedded server's non-durable commits and with durable
 * ones (synchronous_commit = on, as Supabase runs).
 */
final class CaptureOverheadBench {
    private CaptureOverheadBench() {
    }

    record Side(Stats insert, Stats update) {
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        int perSide = scale.captureOps();
        Report.Table table = new Report.Table("commits", "write", "p50 with capture", "p50 without", "p50 overhead",
                "p99 with capture", "p99 without", "p99 ratio");
        for (boolean durable : new boolean[] {false, true}) {
            int ops = durable ? Math.max(500, perSide / 2) : perSide;
            Side[] sides = measure(env, ops, durable);
            Side on = sides[0];
            Side off = sides[1];
            String commits = durable ? "durable (synchronous_commit=on, as Supabase)" : "non-durable (embedded default)";
            double ins = on.insert().p(50) / off.insert().p(50);
            double upd = on.update().p(50) / off.update().p(50);
            table.row(commits, "insert customer", Stats.ms(on.insert().p(50)), Stats.ms(off.insert().p(50)), pct(ins),
                    Stats.ms(on.insert().p(99)), Stats.ms(off.insert().p(99)), Stats.ratio(on.insert().p(99) / off.insert().p(99)));
            table.row(commits, "update customer", Stats.ms(on.update().p(50)), Stats.ms(off.update().p(50)), pct(upd),
                    Stats.ms(on.update().p(99)), Stats.ms(off.update().p(99)), Stats.ratio(on.update().p(99) / off.update().p(99)));
            String mode = durable ? "durable commits" : "non-durable commits";
            report.target("capture overhead ≤ 10% at p50, insert, " + mode,
                    pct(ins) + " (" + Stats.ms(on.insert().p(50) - off.insert().p(50)) + ")", ins <= 1.10);
            report.target("capture overhead ≤ 10% at p50, update, " + mode,
                    pct(upd) + " (" + Stats.ms(on.update().p(50) - off.update().p(50)) + ")", upd <= 1.10);
        }
        report.section("3. Capture overhead on the primary")
                .text("One writer, autocommit, inserts and updates of customers (" + Stats.count(perSide) + " of each per"
                        + " side with non-durable commits, half that with durable ones), in alternating blocks of 100 on"
                        + " two identical databases of the same server: ShopTwin's schema with the capture triggers"
                        + " (change-log row + pg_notify in the writer's transaction) and the same schema with them disabled"
                        + " (`ALTER TABLE ... DISABLE TRIGGER customers_capture`), which is what the old design had. No"
                        + " mirror runs meanwhile. The embedded server does not wait for the WAL flush at commit"
                        + " (zonky's default), which makes the base write unrealistically cheap; Supabase commits durably.")
                .table(table);
    }

    static Side[] measure(BenchEnv env, int perSide, boolean durable) throws Exception {
        Database on = env.freshPostgres("capture_on", 2);
        Database off = env.freshPostgres("capture_off", 2);
        try {
            BenchEnv.disableCapture(off);
            for (Database db : new Database[] {on, off}) {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("alter database " + c.getCatalog() + " set synchronous_commit = " + (durable ? "on" : "off"));
                }
                db.dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
            }
            int block = 100;
            long[] insOn = new long[perSide];
            long[] insOff = new long[perSide];
            long[] updOn = new long[perSide];
            long[] updOff = new long[perSide];
            try (CustomerWriter wOn = new CustomerWriter(on.dataSource(), null, 1);
                 CustomerWriter wOff = new CustomerWriter(off.dataSource(), null, 1)) {
                for (int i = 0; i < Math.min(1_000, perSide); i++) { // warm-up: JIT, plan caches, buffers
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
            return new Side[] {new Side(Stats.of(insOn), Stats.of(updOn)), new Side(Stats.of(insOff), Stats.of(updOff))};
        } finally {
            env.dropPostgres(on);
            env.dropPostgres(off);
        }
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%+.0f%%", (ratio - 1) * 100);
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
            UUID id = w.mine.get(skip + i);
            long t0 = System.nanoTime();
            w.update(id);
            out[i] = System.nanoTime() - t0;
        }
    }
}
