package shoptwin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import shoptwin.mirror.ChangeLog;
import shoptwin.mirror.ChangeLogEntry;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.Database;

/**
 * 1e. What following column changes costs a batch: the mirror reads the shop tables' column fingerprint in
 * the round trip that reads each batch (ChangeLog.readBatch: a second statement sent with it). Timed against
 * the same read without it (the query before the change), alternating, on a full batch of 1,000 changes and
 * on an empty log (an idle poll), and the fingerprint alone. Also what loading the columns costs (done when
 * the fingerprint moves).
 */
final class FingerprintBench {
    /** The batch read before the fingerprint was folded in (main's ChangeLog.readBatch, same work per row). */
    private static final String WITHOUT = "select id, table_name, op, row_id::text, row_data::text, changed_at "
            + "from shoptwin.change_log order by id limit ?";

    private FingerprintBench() {
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        Database db = env.freshPostgres("fingerprint", 2);
        try {
            BenchData.captureBacklog(db, 5_000);
            ChangeLog log = new ChangeLog(db.dataSource());
            int rounds = scale.name().equals("quick") ? 300 : 1_500;
            long[] withFull = new long[rounds];
            long[] withoutFull = new long[rounds];
            for (int i = -50; i < rounds; i++) { // 50 rounds to warm up (plans, JIT)
                long a = timeWith(log);
                long b = timeWithout(db);
                if (i >= 0) {
                    withFull[i] = a;
                    withoutFull[i] = b;
                }
            }
            long[] fingerprint = new long[rounds];
            long[] load = new long[Math.min(rounds, 300)];
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("select " + DocumentMapper.FINGERPRINT_SQL)) {
                for (int i = -50; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                    if (i >= 0) {
                        fingerprint[i] = System.nanoTime() - t0;
                    }
                }
                for (int i = -20; i < load.length; i++) {
                    long t0 = System.nanoTime();
                    DocumentMapper.load(c);
                    if (i >= 0) {
                        load[i] = System.nanoTime() - t0;
                    }
                }
            }
            try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
                s.execute("delete from shoptwin.change_log");
            }
            long[] withEmpty = new long[rounds];
            long[] withoutEmpty = new long[rounds];
            for (int i = -50; i < rounds; i++) {
                long a = timeWith(log);
                long b = timeWithout(db);
                if (i >= 0) {
                    withEmpty[i] = a;
                    withoutEmpty[i] = b;
                }
            }
            Report.Table table = new Report.Table("read", "without the fingerprint (p50 / p95)", "with it (p50 / p95)", "difference (p50)");
            row(table, "a batch of 1,000 changes", Stats.of(withoutFull), Stats.of(withFull));
            row(table, "an empty log (idle poll)", Stats.of(withoutEmpty), Stats.of(withEmpty));
            Stats fp = Stats.of(fingerprint);
            Stats loaded = Stats.of(load);
            table.row("the fingerprint alone (its own round trip)", "", Stats.ms(fp.p(50)) + " / " + Stats.ms(fp.p(95)), "");
            table.row("loading the columns (when the fingerprint moved)", "", Stats.ms(loaded.p(50)) + " / " + Stats.ms(loaded.p(95)), "");
            report.section("1e. Following column changes: the fingerprint read with every batch")
                    .text("The mirror reads a fingerprint of the shop tables' columns (pg_attribute) in the same round trip as each "
                            + "batch, so it notices a column added, dropped, renamed or retyped before it maps the next change. Timed "
                            + "here against the batch read without it, alternating, " + rounds + " rounds each through the pool on "
                            + "localhost; the columns are loaded again only when the fingerprint moved.")
                    .table(table);
            System.out.println(Report.text(table));
        } finally {
            db.close();
        }
    }

    private static void row(Report.Table table, String what, Stats without, Stats with) {
        table.row(what, Stats.ms(without.p(50)) + " / " + Stats.ms(without.p(95)), Stats.ms(with.p(50)) + " / " + Stats.ms(with.p(95)),
                String.format(Locale.ROOT, "%+.3f ms", with.p(50) - without.p(50)));
    }

    private static long timeWith(ChangeLog log) throws SQLException {
        long t0 = System.nanoTime();
        log.readBatch(1_000, List.of());
        return System.nanoTime() - t0;
    }

    private static long timeWithout(Database db) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(WITHOUT)) {
            ps.setInt(1, 1_000);
            List<ChangeLogEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) { // the same work as the read before the change: the entries built
                    out.add(new ChangeLogEntry(rs.getLong(1), MirrorTable.ofTableName(rs.getString(2)),
                            ChangeLogEntry.Op.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return System.nanoTime() - t0;
    }
}
