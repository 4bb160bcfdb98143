package shoptwin.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.mirror.journal.JournalReplay;
import shoptwin.mirror.journal.ReplayReport;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalEntry.Op;
import shoptwin.store.journal.JournalFormat;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;
import shoptwin.testing.FlakyProxy;

/**
 * 9. Replaying the outage journal (issue 15): N changes made on the backup (a quarter new customers, the rest
 * their payments) sent to PostgreSQL by {@link JournalReplay}, one transaction per chunk, each entry with its id
 * recorded with its row. Once on localhost, and once with {@value #ONE_WAY_MS} ms each way in front of both PostgreSQL and
 * MongoDB (FlakyProxy), batched (500 entries per round trip) against one entry per round trip.
 */
final class JournalReplayBench {
    static final int ONE_WAY_MS = 1;
    /** JournalReplay's own chunk. */
    static final int CHUNK = 500;

    private JournalReplayBench() {
    }

    record Run(double seconds, ReplayReport report, long customers, long payments, long recorded) {
        double rate(int n) {
            return n / seconds;
        }
    }

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        int n = scale.name().equals("quick") ? 2_000 : 10_000;
        int oneByOne = Math.min(n, 2_000);
        Report.Table table = new Report.Table("measurement", "entries", "time", "rate", "outcome");

        Run local = replay(env, "local", n, CHUNK, false);
        table.row("replay on localhost, 500 per round trip", Stats.count(n), Stats.seconds(local.seconds), Stats.rate(local.rate(n)),
                outcome(local, n));
        Run batched = replay(env, "batched", n, CHUNK, true);
        table.row("with " + (2 * ONE_WAY_MS) + " ms round trips, 500 per round trip", Stats.count(n), Stats.seconds(batched.seconds),
                Stats.rate(batched.rate(n)), outcome(batched, n));
        Run single = replay(env, "single", oneByOne, 1, true);
        table.row("with " + (2 * ONE_WAY_MS) + " ms round trips, one entry per round trip", Stats.count(oneByOne),
                Stats.seconds(single.seconds), Stats.rate(single.rate(oneByOne)), outcome(single, oneByOne));
        double ratio = batched.rate(n) / single.rate(oneByOne);
        report.section("9. Replaying the outage journal")
                .text("Changes made on the MongoDB backup while Supabase was away (a quarter new customers, the rest their"
                        + " payments, written in the journal's format) replayed into PostgreSQL by the mirror's leader"
                        + " (`JournalReplay`): 500 entries per round trip and per transaction, each entry's id"
                        + " recorded in `shoptwin.journal_applied` with its row, then one update per entry marks it"
                        + " applied in MongoDB (a bulk write per chunk). With latency, both PostgreSQL and MongoDB sit behind"
                        + " `shoptwin.testing.FlakyProxy` holding each chunk " + ONE_WAY_MS + " ms each way; the one-entry-"
                        + "per-round-trip run uses " + Stats.count(oneByOne) + " entries (its rate does not depend on the"
                        + " count). Outcome: rows in PostgreSQL, ids recorded, entries left.")
                .table(table);
        report.target("replaying " + Stats.count(n) + " journal entries on localhost ≤ 10 s", Stats.seconds(local.seconds),
                local.seconds <= 10 && local.report.applied() == n);
        report.target("with " + (2 * ONE_WAY_MS) + " ms round trips: batched replay ≥ 5× one entry per round trip",
                Stats.ratio(ratio), ratio >= 5 && batched.report.applied() == n && single.report.applied() == oneByOne);
    }

    private static String outcome(Run r, int n) {
        boolean exact = r.report.applied() == n && r.customers + r.payments == n && r.recorded == n;
        return r.report + "; " + r.customers + " customers + " + r.payments + " payments, " + r.recorded + " ids recorded"
                + (exact ? "" : " (DIFFERS)");
    }

    private static Run replay(BenchEnv env, String purpose, int n, int chunk, boolean latency) throws Exception {
        Database direct = env.freshPostgres("journal_" + purpose, 4);
        MongoSettings m = env.freshMongo("journal_" + purpose);
        try {
            List<Document> docs = new ArrayList<>();
            for (JournalEntry e : entries(n)) {
                docs.add(JournalFormat.write(e));
            }
            MongoCollection<Document> journal = env.mongoDatabase(m).getCollection(JournalFormat.COLLECTION);
            for (int i = 0; i < docs.size(); i += 1000) {
                journal.insertMany(docs.subList(i, Math.min(docs.size(), i + 1000)));
            }
            Database db = direct;
            MongoClient client = env.mongo();
            FlakyProxy pg = null;
            FlakyProxy mongo = null;
            if (latency) {
                PostgresSettings s = direct.settings();
                java.util.regex.Matcher hp = java.util.regex.Pattern.compile("//([^/:]+):(\\d+)/").matcher(s.jdbcUrl());
                if (!hp.find()) {
                    throw new IllegalStateException("no host:port in the bench's JDBC URL");
                }
                pg = FlakyProxy.to(hp.group(1), Integer.parseInt(hp.group(2))).delay(Duration.ofMillis(ONE_WAY_MS));
                mongo = FlakyProxy.toMongo(env.mongoUri()).delay(Duration.ofMillis(ONE_WAY_MS));
                String url = s.jdbcUrl().replaceFirst("//([^/:]+):(\\d+)/", "//127.0.0.1:" + pg.port() + "/");
                db = new Database(new PostgresSettings(url, s.user(), s.password(), s.properties()), 4);
                client = MongoClients.create(mongo.mongoUri(Duration.ofSeconds(120)));
            }
            try {
                JournalReplay replay = new JournalReplay(db, new Journal(MongoConnections.forJournal(client, m.database())),
                        Clock.systemUTC(), t -> t, chunk);
                long t0 = System.nanoTime();
                ReplayReport r = replay.replay();
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("journal replay %s: %,d entries in %.2f s (%s)%n", purpose, n, seconds, r);
                return new Run(seconds, r, count(direct, "public.customers"), count(direct, "public.payments"),
                        count(direct, "shoptwin.journal_applied"));
            } finally {
                if (latency) {
                    db.close();
                    client.close();
                    pg.close();
                    mongo.close();
                }
            }
        } finally {
            env.dropPostgres(direct);
            env.dropMongo(m);
        }
    }

    /** A quarter new customers, each followed by three payments (the entry of its customer first). */
    static List<JournalEntry> entries(int n) {
        List<JournalEntry> out = new ArrayList<>(n);
        Instant at = Instant.parse("2026-11-25T09:00:00Z");
        String who = "bench (console on SHOP-PC)";
        UUID customer = null;
        String customerEntry = null;
        for (int i = 0; i < n; i++) {
            at = at.plusMillis(3);
            String id = UUID.randomUUID().toString();
            if (i % 4 == 0) {
                customer = UUID.randomUUID();
                customerEntry = id;
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", "Outage customer " + i);
                f.put("phone", "+49 30 " + (1_000_000 + i));
                f.put("email", "outage" + i + "@example.com");
                f.put("address", null);
                f.put("notes", null);
                out.add(JournalEntry.pending(id, MirrorTable.CUSTOMERS, Op.INSERT, customer, f, null, null, at, who, List.of(),
                        null, null));
            } else {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("customer_id", customer.toString());
                f.put("amount", new BigDecimal((10 + i % 90) + "." + (i % 100 < 10 ? "0" : "") + (i % 100)));
                f.put("method", i % 2 == 0 ? "cash" : "card");
                f.put("reference", "R-" + i);
                f.put("note", null);
                f.put("paid_at", at);
                out.add(JournalEntry.pending(id, MirrorTable.PAYMENTS, Op.INSERT, UUID.randomUUID(), f, null, null, at, who,
                        List.of(customerEntry), null, Map.of("name", "Outage customer " + (i - i % 4))));
            }
        }
        return out;
    }

    private static long count(Database db, String table) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
