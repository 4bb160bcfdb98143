package shoptwin.reliability.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.Verify;
import shoptwin.mirror.VerifyReport;
import shoptwin.mirror.journal.JournalReplay;
import shoptwin.store.journal.Journal;
import shoptwin.store.journal.JournalEntry.State;
import shoptwin.store.journal.JournaledBackupStore;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.FlakyProxy;
import shoptwin.testing.TestDatabases;

/**
 * The fault campaign's outage-writes round (issue 15): Supabase stops (its network is cut: a proxy in front
 * of PostgreSQL refuses everything); two writers, each a console with its own MongoDB client, make changes on
 * the backup (new customers, payments, edits, payment deletes) and keep a ledger of what they were told was
 * saved; Supabase comes back and the replay runs while Supabase stops again and again (connections cut in the
 * middle of a chunk), and once the console "dies" between PostgreSQL's commit and MongoDB's marks. Judged:
 * lost = a ledger row missing or not as last saved in PostgreSQL; applied twice = a row whose version is
 * above what its journaled changes give (an edit applied twice) or an entry id recorded more than once; then
 * the mirror drains and verify must say equal. Report: target/reliability/campaign-outage-writes.txt.
 * {@code mvn -B verify -Pcampaign} (tagged campaign).
 */
@Tag("campaign")
class OutageWritesCampaignTest {
    private static final int OPS_PER_WRITER = 250;
    private static final int SEEDED = 20;

    /** What a writer was told was saved, per row: the values and the version it must end with in Supabase. */
    record Expected(String key, long version, String phone, BigDecimal amount, boolean gone) {
    }

    @Test
    void changesOfTwoWritersDuringAnOutageAreReplayedOnceThroughASecondOutage() throws Exception {
        PostgresSettings pg = TestDatabases.freshPostgres();
        MongoSettings ms = TestDatabases.freshMongo();
        try (Database direct = new Database(pg); MongoClient client = MongoClients.create(ms.uri())) {
            direct.migrate();
            PostgresShopStore supabase = new PostgresShopStore(direct);
            List<Customer> seeded = new ArrayList<>();
            for (int i = 0; i < SEEDED; i++) {
                Customer c = supabase.createCustomer(new CustomerDraft("Seeded " + i, "+49 30 5550 " + i, null, null, null));
                supabase.createPayment(new PaymentDraft(c.id(), "10.00", PaymentMethod.CASH, "S-" + i, null, Instant.now()));
                seeded.add(c);
            }
            drain(direct, client, ms);

            Matcher hp = Pattern.compile("//([^/:]+):(\\d+)/").matcher(pg.jdbcUrl());
            assertThat(hp.find()).isTrue();
            try (FlakyProxy network = FlakyProxy.to(hp.group(1), Integer.parseInt(hp.group(2)))) {
                String url = pg.jdbcUrl().replaceFirst("//([^/:]+):(\\d+)/", "//127.0.0.1:" + network.port() + "/");
                Database viaNetwork = new Database(new PostgresSettings(url, pg.user(), pg.password(), pg.properties()), 4,
                        Duration.ofSeconds(2));
                // ---- Supabase stops; two consoles work on the backup
                network.down(true);
                network.cutAll();
                Map<String, Expected> ledger = new ConcurrentHashMap<>();
                List<Thread> writers = new ArrayList<>();
                List<Throwable> writerFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<MongoClient> consoles = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    MongoClient own = MongoConnections.open(ms);
                    consoles.add(own);
                    String who = "writer " + (char) ('A' + w) + " (console on TILL-" + w + ")";
                    JournaledBackupStore store = JournaledBackupStore.over(own, ms.database(), "MongoDB backup", () -> who,
                            Clock.systemUTC());
                    List<Customer> mine = new ArrayList<>();
                    for (int i = w; i < seeded.size(); i += 2) {
                        mine.add(seeded.get(i)); // each writer edits its own half of the shop: no conflicts to decide
                    }
                    int seed = 15 + w;
                    Thread t = new Thread(() -> {
                        try {
                            write(store, mine, ledger, new Random(seed));
                        } catch (Throwable e) {
                            writerFailures.add(e);
                        }
                    }, "outage-writer-" + w);
                    writers.add(t);
                    t.start();
                }
                for (Thread t : writers) {
                    t.join(Duration.ofMinutes(5).toMillis());
                }
                assertThat(writerFailures).isEmpty();
                Journal journal = new Journal(MongoConnections.forJournal(client, ms.database()));
                long entries = journal.counts().of(State.PENDING);

                // ---- Supabase answers; the replay runs through a second outage (and more), and one console death
                network.down(false);
                AtomicInteger chunks = new AtomicInteger();
                AtomicInteger stops = new AtomicInteger();
                AtomicBoolean killedOnce = new AtomicBoolean();
                Random chaos = new Random(7);
                List<Thread> outages = new java.util.concurrent.CopyOnWriteArrayList<>();
                JournalReplay replay = new JournalReplay(viaNetwork, journal, Clock.systemUTC(), s -> s, 10)
                        .afterPostgresCommit(() -> {
                            int n = chunks.incrementAndGet();
                            if (n == 2 || n == 7 || n == 13) {
                                // Supabase stops again while the next chunk is on its way: connections cut mid-call
                                int after = chaos.nextInt(15);
                                Thread t = new Thread(() -> {
                                    try {
                                        Thread.sleep(after);
                                        network.down(true);
                                        network.cutAll();
                                        stops.incrementAndGet();
                                        Thread.sleep(1_000);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    } finally {
                                        network.down(false);
                                    }
                                }, "second-outage-" + n);
                                outages.add(t);
                                t.start();
                            }
                            if (n == 4 && killedOnce.compareAndSet(false, true)) {
                                throw new IllegalStateException("the console died between PostgreSQL's commit and MongoDB's marks");
                            }
                        });
                AtomicInteger failedRounds = new AtomicInteger();
                AtomicInteger rounds = new AtomicInteger();
                long t0 = System.nanoTime();
                try {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        rounds.incrementAndGet();
                        try {
                            replay.replay();
                        } catch (Exception e) {
                            failedRounds.incrementAndGet(); // the mirror's leader backs off and tries again
                        }
                        return journal.counts().of(State.PENDING) == 0;
                    });
                } finally {
                    for (Thread t : outages) {
                        t.join(5_000);
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                viaNetwork.close();

                // ---- judged on Supabase itself
                long lost = 0;
                long twice = 0;
                List<String> samples = new ArrayList<>();
                for (Expected e : ledger.values()) {
                    String[] k = e.key().split(":");
                    String table = k[0];
                    Row row = row(direct, table, UUID.fromString(k[1]));
                    if (e.gone()) {
                        if (row != null) {
                            lost++;
                            samples.add("still there after its delete: " + e.key());
                        }
                        continue;
                    }
                    boolean same = row != null && (table.equals("customers") ? e.phone().equals(row.phone())
                            : e.amount().compareTo(row.amount()) == 0);
                    if (row == null || !same || row.version() < e.version()) {
                        lost++;
                        samples.add("lost: " + e + " (Supabase: " + row + ")");
                    } else if (row.version() > e.version()) {
                        twice++;
                        samples.add("applied twice: " + e + " (Supabase: " + row + ")");
                    }
                }
                long recorded = count(direct, "select count(*) from shoptwin.journal_applied");
                long recordedTwice = count(direct, "select count(*) - count(distinct entry_id) from shoptwin.journal_applied");
                twice += recordedTwice;
                Journal.Counts after = journal.counts();
                VerifyReport verify = drain(direct, client, ms);
                consoles.forEach(MongoClient::close);

                String report = String.format(Locale.ROOT, """
                        Outage-writes round (issue 15)
                        writers: 2 consoles on the backup, %d operations each; journal entries: %d; rows in the ledger: %d
                        replay: chunks of 10, %d Supabase stops during it (1 s each, connections cut mid-chunk), 1 console death between commit and marks
                        replay rounds: %d (%d failed and were retried), %.1f s
                        journal after: applied %d, pending %d, conflict %d, invalid %d; ids recorded in journal_applied: %d
                        lost: %d
                        applied twice: %d
                        verify after the mirror drained: %s
                        %s
                        """, OPS_PER_WRITER, entries, ledger.size(), stops.get(), rounds.get(), failedRounds.get(), seconds,
                        after.of(State.APPLIED), after.of(State.PENDING), after.of(State.CONFLICT), after.of(State.INVALID),
                        recorded, lost, twice, verify.isEqual() ? "equal" : verify.toString(),
                        String.join("\n", samples.subList(0, Math.min(10, samples.size()))));
                System.out.println(report);
                Path out = Path.of("target", "reliability");
                Files.createDirectories(out);
                Files.writeString(out.resolve("campaign-outage-writes.txt"), report, StandardCharsets.UTF_8);

                assertThat(stops.get()).as("Supabase stopped during the replay").isGreaterThan(0);
                assertThat(killedOnce.get()).isTrue();
                assertThat(lost).as("lost").isZero();
                assertThat(twice).as("applied twice").isZero();
                assertThat(after.of(State.APPLIED)).isEqualTo(entries);
                assertThat(recorded).isEqualTo(entries);
                assertThat(after.needDecision()).isZero();
                assertThat(verify.isEqual()).as(verify.toString()).isTrue();
            }
        }
    }

    /** One writer's session on the backup: what each call returned is what the shop was told was saved. */
    private static void write(JournaledBackupStore store, List<Customer> mine, Map<String, Expected> ledger, Random r) {
        List<UUID> customers = new ArrayList<>(mine.stream().map(Customer::id).toList());
        List<UUID> payments = new ArrayList<>();
        for (int op = 0; op < OPS_PER_WRITER; op++) {
            int dice = r.nextInt(100);
            String token = "+49 30 " + UUID.randomUUID().toString().substring(0, 8).replaceAll("[^0-9]", "7");
            if (dice < 20 || customers.isEmpty()) {
                Customer c = store.createCustomer(new CustomerDraft("Outage " + token, token, null, null, null));
                customers.add(c.id());
                ledger.put("customers:" + c.id(), new Expected("customers:" + c.id(), c.version(), token, null, false));
            } else if (dice < 60) {
                UUID to = customers.get(r.nextInt(customers.size()));
                String amount = (1 + r.nextInt(500)) + "." + String.format("%02d", r.nextInt(100));
                Payment p = store.createPayment(new PaymentDraft(to, amount, PaymentMethod.CARD, "O-" + op, null, Instant.now()));
                payments.add(p.id());
                ledger.put("payments:" + p.id(), new Expected("payments:" + p.id(), p.version(), null, p.amount(), false));
            } else if (dice < 80) {
                UUID id = customers.get(r.nextInt(customers.size()));
                Customer now = store.getCustomer(id).orElseThrow();
                CustomerDraft d = now.toDraft();
                Customer c = store.updateCustomer(id, now.version(), new CustomerDraft(d.name(), token, d.email(), d.address(), d.notes()));
                ledger.put("customers:" + id, new Expected("customers:" + id, c.version(), token, null, false));
            } else if (dice < 92 && !payments.isEmpty()) {
                UUID id = payments.get(r.nextInt(payments.size()));
                Payment now = store.getPayment(id).orElseThrow();
                PaymentDraft d = now.toDraft();
                String amount = (1 + r.nextInt(500)) + "." + String.format("%02d", r.nextInt(100));
                Payment p = store.updatePayment(id, now.version(),
                        new PaymentDraft(d.customerId(), amount, d.method(), d.reference(), d.note(), d.paidAt()));
                ledger.put("payments:" + id, new Expected("payments:" + id, p.version(), null, p.amount(), false));
            } else if (!payments.isEmpty()) {
                UUID id = payments.remove(r.nextInt(payments.size()));
                store.deletePayment(id);
                ledger.put("payments:" + id, new Expected("payments:" + id, 0, null, null, true));
            }
        }
    }

    record Row(long version, String phone, BigDecimal amount) {
    }

    private static Row row(Database db, String table, UUID id) throws Exception {
        String sql = table.equals("customers") ? "select version, phone, null::numeric from public.customers where id = '" + id + "'"
                : "select version, null::text, amount from public.payments where id = '" + id + "'";
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? new Row(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)) : null;
        }
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The mirror drains the change log into the copy; then the copy is compared with Supabase. */
    private static VerifyReport drain(Database db, MongoClient client, MongoSettings ms) throws Exception {
        try (MirrorService m = MirrorService.builder().database(db).mongoClient(client, ms.database())
                .pollInterval(Duration.ofMillis(200)).standbyRetry(Duration.ofMillis(300))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build()) {
            if (!m.runUntilDrained(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the mirror did not drain");
            }
        }
        return new Verify(db, MongoConnections.forMirror(client, ms.database())).run();
    }
}
