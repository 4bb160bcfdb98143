package shoptwin.reliability.campaign;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.PostgresSettings;
import shoptwin.store.postgres.Database;
import shoptwin.testing.ChildJvm;
import shoptwin.testing.DatabaseSnapshots;
import shoptwin.testing.RestartableServers;
import shoptwin.testing.SupabaseShape;

/**
 * The fault campaign: writers commit a steady load of changes to PostgreSQL with plain SQL while
 * MongoDB is stopped and started, the mirror (a child JVM running {@code shoptwin mirror}) is
 * killed with SIGKILL and restarted, and PostgreSQL itself is restarted. Afterwards every server
 * is healthy again, the backlog drains, and the copy is checked three ways: {@code shoptwin verify}
 * (whole tables), the writers' ledger (every committed write with its final values), and version
 * monotonicity (a document's version, once seen, never goes back).
 */
public final class FaultCampaign {
    private static final Logger log = LoggerFactory.getLogger(FaultCampaign.class);
    /** Put in SUPABASE_DB_URL so that the child's log can be searched for it afterwards. */
    static final String PG_PASSWORD = "Campaign-PG-Secret-7193";
    static final String DATABASE = "shop";
    static final String MONGO_DATABASE = "campaign";
    static final Map<String, String> COLLECTIONS = Map.of("customers", "customers", "payments", "payments", "shop", "shops");

    public enum Fault { MONGO_RESTART, MIRROR_KILL, POSTGRES_RESTART, RESYNC }

    /** {@code resyncs}: full resyncs ({@code shoptwin resync} in a child JVM) while the writers keep writing. */
    /**
     * {@code recoveryRounds}: after the faults, a rollback round (Supabase restored over from a backup taken earlier: the
     * mirror must notice and write nothing, {@code shoptwin recover --apply} brings the lost changes back, the writers go on)
     * and a restore-and-continue round ({@code shoptwin restore} into a new project, the mirror and the writers move there
     * and go on); the ledger and verify then check both.
     */
    public record Plan(String name, int changes, int mongoRestarts, int mirrorKills, int postgresRestarts, int resyncs,
            double writesPerSecond, int writers, long seed, Duration drainTimeout, boolean recoveryRounds) {

        public static Plan shortRun() {
            return new Plan("short", 1_000, 3, 2, 1, 0, 60, 2, 20261125L, Duration.ofSeconds(60), false);
        }

        public static Plan longRun() {
            return new Plan("long", 10_000, 12, 12, 4, 3, 80, 3, 1125L, Duration.ofMinutes(5), true);
        }

        /** The recovery rounds on their own, after a few faults: {@code mvn -B verify -Pcampaign -Dtest=FaultCampaignRecoveryTest}. */
        public static Plan recoveryRun() {
            return new Plan("recovery", 800, 1, 1, 0, 0, 60, 2, 1201L, Duration.ofMinutes(2), true);
        }
    }

    public record Report(Plan plan, long changesWritten, Map<Fault, Integer> faults, long lost, long lostInPrimary,
            long regressed, long regressionSamples, long rowsChecked, int verifyExit, long inDoubtCommitted,
            long inDoubtRolledBack, long failedBeforeCommit, boolean passwordInChildLog, Duration took,
            List<String> lostSamples, int resyncFailures, int overlapping, List<String> rounds) {

        public boolean passed() {
            return lost == 0 && lostInPrimary == 0 && regressed == 0 && verifyExit == 0 && !passwordInChildLog;
        }

        public String summary() {
            return String.join("\n",
                    "fault campaign '" + plan.name() + "' (seed " + plan.seed() + ") took " + took.toSeconds() + " s",
                    "  changes written (committed row changes): " + changesWritten,
                    "  faults injected: MongoDB stopped/started " + faults.get(Fault.MONGO_RESTART)
                            + ", mirror killed (SIGKILL)/restarted " + faults.get(Fault.MIRROR_KILL)
                            + ", PostgreSQL restarted " + faults.get(Fault.POSTGRES_RESTART)
                            + ", resyncs during writes " + faults.get(Fault.RESYNC)
                            + (resyncFailures == 0 ? "" : " (" + resyncFailures + " exited non-zero)")
                            + "; " + overlapping + " of them struck while MongoDB was down",
                    "  recovery rounds: " + (rounds.isEmpty() ? "none" : String.join("; ", rounds)),
                    "  writes whose COMMIT lost its connection: " + (inDoubtCommitted + inDoubtRolledBack)
                            + " (resolved: " + inDoubtCommitted + " committed, " + inDoubtRolledBack + " rolled back)",
                    "  writes refused before COMMIT by a restart (retried as new writes): " + failedBeforeCommit,
                    "  rows checked against the ledger: " + rowsChecked,
                    "  lost: " + lost + (lostSamples.isEmpty() ? "" : " e.g. " + lostSamples),
                    "  lost in PostgreSQL itself: " + lostInPrimary,
                    "  regressed: " + regressed + " (version samples taken during the run: " + regressionSamples + ")",
                    "  shoptwin verify exit code: " + verifyExit + (verifyExit == 0 ? " (equal)" : " (DIFFERENT)"),
                    "  password in the mirror's output: " + (passwordInChildLog ? "YES" : "no"));
        }
    }

    private final Plan plan;
    private final Path work;
    private final Random random;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final Map<UUID, Long> maxVersionSeen = new ConcurrentHashMap<>();
    private final AtomicLong regressions = new AtomicLong();
    private final AtomicLong regressionSamples = new AtomicLong();
    private final Path mirrorLog;
    private int resyncFailures;
    private int overlapping;
    private final List<String> rounds = new ArrayList<>();
    /** The database the shop works in: a restore-and-continue round moves it to a new project. */
    private String database = DATABASE;

    private RestartableServers.Postgres pg;
    private RestartableServers.Mongo mongo;
    private ChildJvm mirror;

    public FaultCampaign(Plan plan, Path work) {
        this.plan = plan;
        this.work = work;
        this.random = new Random(plan.seed());
        this.mirrorLog = work.resolve("mirror.log");
        for (Fault f : Fault.values()) {
            injected.put(f, 0);
        }
    }

    public Path mirrorLog() {
        return mirrorLog;
    }

    public Report run() throws Exception {
        Instant start = Instant.now();
        pg = new RestartableServers.Postgres(work).start();
        mongo = new RestartableServers.Mongo(work).start();
        try {
            return runAgainstServers(start);
        } finally {
            if (mirror != null) {
                mirror.close();
            }
            mongo.close();
            pg.close();
        }
    }

    private Report runAgainstServers(Instant start) throws Exception {
        createAndMigrate();
        Ledger ledger = new Ledger();
        UUID shopId = createShop(ledger);
        startMirror();

        AtomicBoolean faultsDone = new AtomicBoolean(false);
        AtomicBoolean stopMonitor = new AtomicBoolean(false);
        Pace pace = new Pace(plan.writesPerSecond());
        List<ShopWriter> writers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < plan.writers(); i++) {
            ShopWriter w = new ShopWriter(i, pg.jdbcUrl(database), connectProps(), ledger, plan.seed() * 31 + i,
                    () -> !faultsDone.get() || ledger.changes() < plan.changes(), pace, shopId);
            writers.add(w);
            Thread t = new Thread(w, "campaign-writer-" + i);
            threads.add(t);
            t.start();
        }
        Thread monitor = new Thread(() -> watchVersions(ledger, stopMonitor), "campaign-version-watch");
        monitor.setDaemon(true);
        monitor.start();

        try {
            injectFaults(ledger, writers, threads);
        } finally {
            faultsDone.set(true);
        }
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(10).toMillis());
        }
        for (ShopWriter w : writers) {
            if (w.failure() != null) {
                throw new IllegalStateException("a writer failed", w.failure());
            }
        }
        log.info("campaign {}: writers done, {} changes; healing and draining", plan.name(), ledger.changes());

        // heal: everything up, the mirror running, and let it drain
        mongo.start();
        pg.start();
        if (!mirror.isAlive()) {
            startMirror();
        }
        awaitDrained();
        if (plan.recoveryRounds()) {
            rollbackRound(ledger, shopId);
            restoreAndContinueRound(ledger, shopId);
        }
        stopMonitor.set(true);
        monitor.join(5_000);

        Check check = checkAgainstLedger(ledger);
        int verifyExit = runVerify();
        mirror.stop(Duration.ofSeconds(15));
        boolean leaked = Files.readString(mirrorLog, StandardCharsets.UTF_8).contains(PG_PASSWORD);

        return new Report(plan, ledger.changes(), Map.copyOf(injected), check.lost, check.lostInPrimary,
                regressions.get() + check.versionBehind, regressionSamples.get(), check.rows, verifyExit,
                ledger.inDoubtCommitted(), ledger.inDoubtRolledBack(), ledger.failedBeforeCommit(), leaked,
                Duration.between(start, Instant.now()), check.samples, resyncFailures, overlapping, List.copyOf(rounds));
    }

    // ------------------------------------------------------------------ set-up

    /** The writers connect as the project's owner, as the shop's own scripts and the SQL editor do. */
    private Properties connectProps() {
        Properties p = new Properties();
        p.setProperty("user", SupabaseShape.OWNER);
        p.setProperty("password", PG_PASSWORD);
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "campaign writer");
        return p;
    }

    private void createAndMigrate() throws SQLException {
        Properties superuser = connectProps();
        superuser.setProperty("user", "postgres");
        SupabaseShape.createDatabase(pg.jdbcUrl("postgres"), superuser, database);
        try (Database db = new Database(new PostgresSettings(pg.jdbcUrl(database), SupabaseShape.OWNER, PG_PASSWORD), 2)) {
            db.migrate();
        }
    }

    private UUID createShop(Ledger ledger) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), connectProps());
             PreparedStatement p = c.prepareStatement(
                     "insert into public.shop (id, name, currency, timezone, receipt_footer) values (?, ?, 'USD', 'Asia/Kolkata', ?)")) {
            p.setObject(1, id);
            p.setString(2, "Campaign Stores");
            p.setString(3, "start");
            p.executeUpdate();
        }
        Map<String, Object> f = new HashMap<>();
        f.put("name", "Campaign Stores");
        f.put("currency", "USD");
        f.put("timezone", "Asia/Kolkata");
        f.put("receipt_footer", "start");
        ledger.put("shop", id, f);
        ledger.changes(1);
        return id;
    }

    Map<String, String> childEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SUPABASE_DB_URL", "postgresql://" + SupabaseShape.OWNER + ":" + PG_PASSWORD + "@127.0.0.1:" + pg.port() + "/" + database);
        env.put("MONGODB_URI", mongo.uri());
        env.put("MONGODB_DATABASE", MONGO_DATABASE);
        env.put("SHOPTWIN_CONFIG_DIR", work.resolve("config").toString());
        env.put("XDG_STATE_HOME", work.resolve("state").toString());
        return env;
    }

    private void startMirror() {
        mirror = ChildJvm.start("shoptwin.Main", List.of("mirror"), childEnv(), mirrorLog);
    }

    // ------------------------------------------------------------------ faults

    private void injectFaults(Ledger ledger, List<ShopWriter> writers, List<Thread> threads) throws InterruptedException {
        List<Fault> faults = new ArrayList<>();
        add(faults, Fault.MONGO_RESTART, plan.mongoRestarts());
        add(faults, Fault.MIRROR_KILL, plan.mirrorKills());
        add(faults, Fault.POSTGRES_RESTART, plan.postgresRestarts());
        add(faults, Fault.RESYNC, plan.resyncs());
        Collections.shuffle(faults, random);
        // spread the faults over the writers' run: the next fault waits for its share of changes
        for (int i = 0; i < faults.size(); i++) {
            long dueAt = (long) plan.changes() * (i + 1) / (faults.size() + 1);
            while (ledger.changes() < dueAt) {
                for (int w = 0; w < writers.size(); w++) {
                    if (!threads.get(w).isAlive()) {
                        throw new IllegalStateException("writer " + w + " stopped early", writers.get(w).failure());
                    }
                }
                pause(50);
            }
            pause(random.nextInt(700)); // and not exactly on the mark
            Fault fault = faults.get(i);
            log.info("campaign {}: fault {} of {}: {} at {} changes", plan.name(), i + 1, faults.size(), fault,
                    ledger.changes());
            if (fault == Fault.MONGO_RESTART && i + 1 < faults.size() && faults.get(i + 1) != Fault.MONGO_RESTART
                    && random.nextInt(3) == 0) {
                // faults do not wait their turn in real life: the next one strikes while MongoDB is down
                Fault second = faults.get(++i);
                log.info("campaign {}: fault {} of {}: {} while MongoDB is down", plan.name(), i + 1, faults.size(), second);
                mongo.stop();
                inject(second);
                pause(300 + random.nextInt(4_000));
                mongo.start();
                injected.merge(fault, 1, Integer::sum);
                injected.merge(second, 1, Integer::sum);
                overlapping++;
                continue;
            }
            inject(fault);
            injected.merge(fault, 1, Integer::sum);
        }
    }

    private static void add(List<Fault> faults, Fault f, int n) {
        for (int i = 0; i < n; i++) {
            faults.add(f);
        }
    }

    private void inject(Fault fault) throws InterruptedException {
        switch (fault) {
            case MONGO_RESTART -> {
                mongo.stop();
                // sometimes shorter than the driver's 3 s server selection (the write just waits),
                // sometimes longer (the batch fails and the mirror backs off)
                pause(300 + random.nextInt(5_700));
                mongo.start();
            }
            case MIRROR_KILL -> {
                mirror.kill();
                pause(random.nextInt(1_500));
                startMirror();
                // a kill right after a start proves less: let the new one get going
                pause(1_500 + random.nextInt(1_500));
            }
            case POSTGRES_RESTART -> {
                pg.stop();
                pause(300 + random.nextInt(1_200));
                pg.start();
            }
            case RESYNC -> {
                int exit = ChildJvm.run("shoptwin.Main", List.of("resync"), childEnv(), work.resolve("resync.log"),
                        Duration.ofMinutes(3));
                if (exit != 0) {
                    resyncFailures++;
                    log.warn("campaign {}: shoptwin resync exited {}", plan.name(), exit);
                }
            }
        }
    }

    /** A deliberate gap (a fault's downtime, a spread between faults): the fault is the point, not a wait. */
    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    // ------------------------------------------------------------------ recovery rounds

    private PostgresSettings owner() {
        return new PostgresSettings(pg.jdbcUrl(database), SupabaseShape.OWNER, PG_PASSWORD);
    }

    /**
     * Supabase goes back in time: a backup taken now is restored over the project after more changes were mirrored. The
     * mirror must notice and write nothing (the copy holds the lost changes); {@code shoptwin recover --apply} brings them
     * back into Supabase; then the shop and the mirror go on. The ledger (which never forgot those changes) checks both.
     */
    private void rollbackRound(Ledger ledger, UUID shopId) throws Exception {
        String backup = DatabaseSnapshots.take(owner());
        long before = ledger.changes();
        writeChanges(ledger, shopId, plan.changes() / 4);
        awaitDrained();
        long lostByRollback = ledger.changes() - before;
        log.info("campaign {}: rollback round: restoring the backup over Supabase ({} mirrored changes go back)", plan.name(),
                lostByRollback);
        DatabaseSnapshots.restoreOver(owner(), backup);
        String noticed = awaitDivergence();
        if (noticed == null) {
            throw new IllegalStateException("the mirror did not notice that Supabase went back in time (mirror log: " + mirrorLog + ")");
        }
        int dryRun = ChildJvm.run("shoptwin.Main", List.of("recover", "--dry-run"), childEnv(), work.resolve("recover-dry-run.log"),
                Duration.ofMinutes(3));
        int apply = ChildJvm.run("shoptwin.Main", List.of("recover", "--apply"), childEnv(), work.resolve("recover.log"),
                Duration.ofMinutes(5));
        if (dryRun != 0 || apply != 0) {
            throw new IllegalStateException("shoptwin recover exited " + dryRun + " (dry run) / " + apply + " (apply); see "
                    + work.resolve("recover.log"));
        }
        writeChanges(ledger, shopId, plan.changes() / 4);
        awaitDrained();
        rounds.add("rollback over " + lostByRollback + " mirrored changes noticed (" + noticed + "), recover --apply exit 0, "
                + "then " + (ledger.changes() - before - lostByRollback) + " more changes");
    }

    /** The shop moves to a new project: migrate it, {@code shoptwin restore} into it, point the mirror and the writers there. */
    private void restoreAndContinueRound(Ledger ledger, UUID shopId) throws Exception {
        mirror.stop(Duration.ofSeconds(15));
        database = DATABASE + "_new_project";
        createAndMigrate();
        int exit = ChildJvm.run("shoptwin.Main", List.of("restore"), childEnv(), work.resolve("restore.log"), Duration.ofMinutes(5));
        if (exit != 0) {
            throw new IllegalStateException("shoptwin restore into the new project exited " + exit + "; see " + work.resolve("restore.log"));
        }
        startMirror();
        long before = ledger.changes();
        writeChanges(ledger, shopId, plan.changes() / 4);
        awaitDrained();
        rounds.add("restore into a new project exit 0, then " + (ledger.changes() - before) + " more changes there");
    }

    /** Runs the writers until {@code count} more changes are committed. */
    private void writeChanges(Ledger ledger, UUID shopId, long count) throws InterruptedException {
        long target = ledger.changes() + count;
        Pace pace = new Pace(plan.writesPerSecond());
        List<ShopWriter> writers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < plan.writers(); i++) {
            ShopWriter w = new ShopWriter(i, pg.jdbcUrl(database), connectProps(), ledger, plan.seed() * 37 + target + i,
                    () -> ledger.changes() < target, pace, shopId);
            writers.add(w);
            Thread t = new Thread(w, "campaign-round-writer-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(5).toMillis());
        }
        for (ShopWriter w : writers) {
            if (w.failure() != null) {
                throw new IllegalStateException("a writer failed", w.failure());
            }
        }
    }

    /** The kind of divergence the mirror recorded, or null if it did not within two minutes. */
    private String awaitDivergence() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), connectProps());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select divergence from shoptwin.mirror_leader where divergence is not null")) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                // the restore over it just cut every session: ask again
            }
            pause(250);
        }
        return null;
    }

    // ------------------------------------------------------------------ checks

    /** Samples documents while the campaign runs: a version, once seen, must never go back. */
    private void watchVersions(Ledger ledger, AtomicBoolean stop) {
        try (MongoClient client = MongoClients.create(mongo.uri())) {
            MongoDatabase db = client.getDatabase(MONGO_DATABASE);
            Random r = new Random(plan.seed() + 7);
            while (!stop.get()) {
                List<UUID> ids = ledger.rows().values().stream()
                        .filter(e -> !e.deleted() && !e.table().equals("shop"))
                        .map(Ledger.Expected::id).collect(Collectors.toList());
                Collections.shuffle(ids, r);
                List<String> sample = ids.stream().limit(200).map(UUID::toString).toList();
                try {
                    for (String coll : List.of("customers", "payments")) {
                        for (Document d : db.getCollection(coll).find(in("_id", sample))) {
                            Object v = d.get("version");
                            if (v instanceof Number n) {
                                UUID id = UUID.fromString(d.getString("_id"));
                                long seen = maxVersionSeen.merge(id, n.longValue(), Math::max);
                                regressionSamples.incrementAndGet();
                                if (n.longValue() < seen) {
                                    regressions.incrementAndGet();
                                    log.error("REGRESSION: {} {} went from version {} back to {}", coll, id, seen, n);
                                }
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    // MongoDB is down right now (that is the campaign): sample again later
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void awaitDrained() throws InterruptedException, SQLException {
        Instant deadline = Instant.now().plus(plan.drainTimeout());
        long pending = -1;
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), connectProps());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from shoptwin.change_log")) {
                rs.next();
                pending = rs.getLong(1);
            }
            if (pending == 0) {
                return;
            }
            pause(250);
        }
        log.error("campaign {}: the change log still holds {} changes after {}", plan.name(), pending, plan.drainTimeout());
    }

    private record Check(long rows, long lost, long lostInPrimary, long versionBehind, List<String> samples) {
    }

    private Check checkAgainstLedger(Ledger ledger) throws SQLException {
        Map<UUID, Ledger.Expected> rows = ledger.rows();
        long lost = 0;
        long lostInPrimary = 0;
        long versionBehind = 0;
        List<String> samples = new ArrayList<>();
        try (MongoClient client = MongoClients.create(mongo.uri());
             Connection c = DriverManager.getConnection(pg.jdbcUrl(database), connectProps())) {
            MongoDatabase db = client.getDatabase(MONGO_DATABASE);
            for (String table : List.of("customers", "payments", "shop")) {
                Map<String, Document> docs = new HashMap<>();
                for (Document d : db.getCollection(COLLECTIONS.get(table)).find()) {
                    docs.put(String.valueOf(d.get("_id")), d);
                }
                Map<String, Map<String, Object>> primary = readTable(c, table);
                for (Ledger.Expected e : rows.values()) {
                    if (!e.table().equals(table)) {
                        continue;
                    }
                    String id = e.id().toString();
                    String mongoProblem = compare(e, docs.get(id));
                    String pgProblem = compare(e, primary.get(id));
                    if (pgProblem != null) {
                        lostInPrimary++;
                    }
                    if (mongoProblem != null) {
                        lost++;
                        if (samples.size() < 5) {
                            samples.add(table + "/" + id + ": " + mongoProblem);
                        }
                    } else if (!e.deleted()) {
                        long mv = ((Number) docs.get(id).get("version")).longValue();
                        long pv = ((Number) primary.get(id).get("version")).longValue();
                        if (mv < pv) {
                            versionBehind++;
                        }
                    }
                }
            }
        }
        return new Check(rows.size(), lost, lostInPrimary, versionBehind, samples);
    }

    private static Map<String, Map<String, Object>> readTable(Connection c, String table) throws SQLException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        // table is one of three constants
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from public." + table)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                out.put(rs.getString("id"), row);
            }
        }
        return out;
    }

    /** Null when the row or document holds exactly what the ledger expects, else what differs. */
    private static String compare(Ledger.Expected e, Map<String, Object> actual) {
        if (e.deleted()) {
            return actual == null ? null : "deleted but still present";
        }
        if (actual == null) {
            return "missing";
        }
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (!Ledger.same(f.getValue(), actual.get(f.getKey()))) {
                return f.getKey() + " is " + actual.get(f.getKey()) + ", expected " + f.getValue();
            }
        }
        return null;
    }

    private int runVerify() {
        return ChildJvm.run("shoptwin.Main", List.of("verify"), childEnv(), work.resolve("verify.log"),
                Duration.ofMinutes(3));
    }

    /** Writes the report where the build keeps its results. */
    public static Path record(Report report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("campaign-" + report.plan().name() + ".txt");
            Files.writeString(file, report.summary() + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
