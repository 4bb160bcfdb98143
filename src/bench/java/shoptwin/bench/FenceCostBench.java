package shoptwin.bench;

import java.sql.Connection;
import java.sql.Statement;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/**
 * 1f. The cost of fenced writes on this peer: 200 edits of existing customers drained by a running mirror, with every
 * write's filter carrying its version ({@code {_id, _v: {$lt: v}}}, the default: MongoDB itself refuses to regress a
 * document) against the {@code _id}-only filters, on copies of growing size. mongo-java-server uses its {@code _id}
 * index only for a filter on {@code _id} alone, so each fenced write scans the collection; a real MongoDB serves both
 * from the {@code _id} index.
 */
final class FenceCostBench {
    private static final int EDITS = 200;

    private FenceCostBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        int[] sizes = scale.name().equals("quick") ? new int[] {1_000, 5_000} : new int[] {2_000, 5_000, 20_000};
        Report.Table table = new Report.Table("customers in the copy", "edits", "_id-only filters", "fenced (default)", "fenced / _id-only");
        for (int size : sizes) {
            Database db = env.freshPostgres("fence_" + size, 4);
            MongoSettings target = env.freshMongo("fence_" + size);
            try {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("insert into public.customers (name, phone, email, address, notes) select "
                            + BenchData.customerColumns() + " from generate_series(1, " + size + ") i");
                }
                double plain = drainEdits(db, target, false, 0);
                double fenced = drainEdits(db, target, true, EDITS);
                System.out.printf("fence, %,d documents: _id-only %.2f s, fenced %.2f s%n", size, plain, fenced);
                table.row(Stats.count(size), Stats.count(EDITS), Stats.seconds(plain) + " (" + Stats.rate(EDITS / plain) + ")",
                        Stats.seconds(fenced) + " (" + Stats.rate(EDITS / fenced) + ")", Stats.ratio(fenced / plain));
            } finally {
                env.dropMongo(target);
                env.dropPostgres(db);
            }
        }
        report.section("1f. Fenced writes on this peer (issue 13)")
                .text("A running mirror drains " + Stats.count(EDITS) + " edits of existing customers (one transaction), timed from the"
                        + " commit until the change log is empty; the copy first holds every customer. Fenced (the default, and"
                        + " the only setting the console and the service use): each replace and delete carries `_v: {$lt: v}` in"
                        + " its filter, so that a leader that lost its lock cannot regress a document. `_id`-only: the filters"
                        + " before issue 13, kept behind `MirrorService.Builder.fencedWrites(false)` for the benches at scale on"
                        + " this peer, which scans the whole collection for any filter other than `_id` alone. A real MongoDB"
                        + " serves both from the `_id` index.")
                .table(table);
    }

    /** Seconds from committing {@code EDITS} edits until a mirror (started and drained first) has applied them all. */
    private static double drainEdits(Database db, MongoSettings target, boolean fenced, int offset) throws Exception {
        try (ShopTwinMirror mirror = ShopTwinMirror.start(db, target, 0, fenced)) {
            mirror.awaitDrained(db, 15 * 60_000L);
            // a leader ready to write (it may wait out a previous writer's deadline first): not part of the edits' time
            long ready = System.currentTimeMillis() + 60_000;
            while (mirror.service().health().state() != shoptwin.mirror.MirrorHealth.State.RUNNING && System.currentTimeMillis() < ready) {
                Thread.sleep(20);
            }
            long t0 = System.nanoTime();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("with picked as (select id from public.customers order by id offset " + offset + " limit " + EDITS + ") "
                        + "update public.customers c set notes = 'fence " + fenced + "' from picked where c.id = picked.id");
            }
            mirror.awaitDrained(db, 15 * 60_000L);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ShopTwinMirror.batchSummary();
            return seconds;
        }
    }
}
