package shoptwin.mirror;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.MongoSettings;
import shoptwin.config.Secrets;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.MirrorError;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.MongoConnections;
import shoptwin.store.mongo.MongoErrors;
import shoptwin.store.postgres.Database;

/**
 * Drains the change log into MongoDB: the one background service that keeps the copy exact.
 *
 * <p>Built with {@link #builder()}, run on a thread the caller owns ({@link #run()}), stopped with
 * {@link #close()}. Only the console holding the leader advisory lock mirrors; the others stand by
 * and take over within seconds when it goes. Each batch: read in change-log id order, keep the last
 * change per row, write what is newer than the copy (guarded by {@code _v}), and only then delete
 * those change-log rows. MongoDB or PostgreSQL failures are retried with capped exponential backoff
 * and jitter; nothing is dropped. A change MongoDB rejects for its own document's sake is parked.
 */
public final class MirrorService implements Runnable, AutoCloseable, java.io.Closeable {
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);
    private static final int MAX_RECENT_ERRORS = 10;
    private static final Duration STATS_EVERY = Duration.ofSeconds(2);
    /** How many rows' versions the mirror remembers (a few MB), so that their guard needs no read. */
    static final int REMEMBERED_VERSIONS = 100_000;

    private final Database database;
    private final MongoClient mongoClient;
    private final boolean ownsMongoClient;
    private final MongoCopy mongo;
    private final ChangeLog changeLog;
    private final int batchSize;
    private final long pollMillis;
    private final long standbyRetryMillis;
    private final long backoffMinMillis;
    private final long backoffMaxMillis;
    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final UUID instanceId = UUID.randomUUID();
    private final List<String> secrets;
    private final Runnable afterMongoWrite;
    private final Duration tombstoneRetention;
    private final Duration pruneEvery;
    private final List<MirrorListener> listeners = new CopyOnWriteArrayList<>();

    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile boolean running;
    private volatile MirrorHealth health = MirrorHealth.stopped();
    private volatile boolean statsStale;

    // mirror-thread state
    private Connection session;
    private boolean leader;
    private Instant leaderSince;
    private DocumentMapper mapper;
    private Optional<Leader> knownLeader = Optional.empty();
    private ChangeLog.Stats stats = new ChangeLog.Stats(0, null, 0);
    private Instant statsReadAt = Instant.EPOCH;
    private Instant lastSuccessAt;
    private final Deque<long[]> appliedCounts = new ArrayDeque<>();
    private final Deque<MirrorError> recentErrors = new ArrayDeque<>();
    private int consecutiveFailures;
    /** Writers were told not to notify (shoptwin.mirror_leader.wake_by_notify = false): poll the log instead. */
    private boolean polling;
    private long copyEpoch = -1;
    private boolean foundLastTime;
    private long lastFoundNanos;
    /** How often the log is read while changes keep coming, and for how long after the last one. */
    static final long FAST_POLL_MILLIS = 2;
    static final long FAST_POLL_WINDOW_NANOS = 200_000_000L;

    private MirrorService(Builder b) {
        this.database = Objects.requireNonNull(b.database, "database");
        if (b.mongoClient != null) {
            this.mongoClient = b.mongoClient;
            this.ownsMongoClient = false;
        } else {
            this.mongoClient = MongoConnections.open(Objects.requireNonNull(b.mongoSettings, "mongo settings"));
            this.ownsMongoClient = true;
        }
        this.mongo = new MongoCopy(MongoConnections.forMirror(mongoClient, b.mongoDatabase), REMEMBERED_VERSIONS);
        this.changeLog = new ChangeLog(database.dataSource());
        this.batchSize = b.batchSize;
        this.pollMillis = b.pollInterval.toMillis();
        this.standbyRetryMillis = b.standbyRetry.toMillis();
        this.backoffMinMillis = b.backoffMin.toMillis();
        this.backoffMaxMillis = b.backoffMax.toMillis();
        this.host = b.host != null ? b.host : localHostName();
        List<String> s = new ArrayList<>();
        if (database.settings().password() != null) {
            s.add(database.settings().password());
        }
        this.secrets = List.copyOf(s);
        this.afterMongoWrite = b.afterMongoWrite;
        this.tombstoneRetention = b.tombstoneRetention;
        this.pruneEvery = b.tombstoneRetention.compareTo(Duration.ofHours(1)) < 0 ? b.tombstoneRetention : Duration.ofHours(1);
        listeners.addAll(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    public void addListener(MirrorListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(MirrorListener listener) {
        listeners.remove(listener);
    }

    /** The latest snapshot; never blocks. */
    public MirrorHealth health() {
        return health;
    }

    /** Parked changes waiting for a retry (reads PostgreSQL). */
    public List<ParkedChange> parked(int limit) throws SQLException {
        return changeLog.parked(limit);
    }

    /** Moves parked changes (all when {@code ids} is empty) back into the change log. Returns how many. */
    public int retryParked(Collection<Long> ids) throws SQLException {
        int moved = changeLog.retryParked(ids);
        statsStale = true;
        log.info("[DB Sync] {} parked change(s) returned to the change log for another attempt", moved);
        return moved;
    }

    /** Mirrors until {@link #close()}. */
    @Override
    public void run() {
        enter();
        try {
            loop(false, null);
        } finally {
            leave();
        }
    }

    /**
     * Mirrors until the change log is empty, then returns true; returns false if that did not happen
     * within {@code giveUpAfter} (MongoDB or PostgreSQL unavailable, or another console leads), leaving
     * the backlog in place. For {@code shoptwin mirror --once}.
     */
    public boolean runUntilDrained(Duration giveUpAfter) {
        enter();
        try {
            return loop(true, Instant.now().plus(giveUpAfter));
        } finally {
            leave();
        }
    }

    private void enter() {
        if (running) {
            throw new IllegalStateException("the mirror is already running");
        }
        running = true;
    }

    private void leave() {
        try {
            closeSession();
            if (readAheadThread != null) {
                readAheadThread.shutdownNow();
                readAheadThread = null;
            }
        } finally {
            running = false;
            publish(State.STOPPED, null);
            finished.countDown();
        }
    }

    /** Stops: the batch in flight finishes (or stays in the change log), the locks are released. */
    @Override
    public void close() {
        closed = true;
        closeSignal.countDown();
        if (running) {
            try {
                if (!finished.await(30, TimeUnit.SECONDS)) {
                    log.warn("[DB Sync] The mirror did not stop within 30 s; its batch stays in the change log");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsMongoClient) {
            mongoClient.close();
        }
    }

    // ------------------------------------------------------------------ the loop

    private boolean loop(boolean untilDrained, Instant deadline) {
        while (!closed) {
            if (deadline != null && Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                if (!ensureLeader()) {
                    refreshStats(untilDrained);
                    publish(State.STANDBY, null);
                    if (untilDrained && knownLeader.isPresent() && stats.pending() == 0) {
                        return true; // the leading console drained it
                    }
                    pause(standbyRetryMillis);
                    continue;
                }
                int read = mirrorOneBatch();
                consecutiveFailures = 0;
                if (read == 0) {
                    // empty as of this read, so no need to count it; the parked figure follows on the timer
                    // (at once after a retry through this service, and when draining for --once)
                    stats = new ChangeLog.Stats(0, null, stats.parked());
                    if (untilDrained) {
                        refreshStats(true);
                        publish(State.RUNNING, null);
                        return true;
                    }
                    if (polling && System.nanoTime() - lastFoundNanos < FAST_POLL_WINDOW_NANOS) {
                        if (health.state() != State.RUNNING || health.backlog() != 0) {
                            publish(State.RUNNING, null);
                        }
                        pause(FAST_POLL_MILLIS);
                        continue;
                    }
                    if (polling) {
                        // writers notify again from now on; a change committed while they did not is read
                        // by the next pass, which comes before the wait
                        wakeByNotify(true);
                        continue;
                    }
                    foundLastTime = false;
                    refreshStats(statsStale);
                    publish(State.RUNNING, null);
                    pruneTombstonesNowAndThen();
                    awaitNotification();
                } else {
                    lastFoundNanos = System.nanoTime();
                    if (foundLastTime && !polling && !untilDrained) {
                        // changes keep coming: poll for them, and spare the writers NOTIFY's commit lock
                        wakeByNotify(false);
                    }
                    foundLastTime = true;
                    refreshStats(false);
                    publish(read >= batchSize || stats.pending() > batchSize ? State.CATCHING_UP : State.RUNNING, null);
                }
            } catch (SQLException | RuntimeException e) {
                failed(e);
            }
        }
        return false;
    }

    private void failed(Exception e) {
        discardReadAhead();
        consecutiveFailures++;
        boolean postgres = e instanceof SQLException;
        String reason = mask(MongoErrors.describe(e));
        if (postgres) {
            log.warn("[DB Sync] Error reading the change log from PostgreSQL: {}", reason);
            closeSession(); // the session may be gone: reconnect and take the lock again
        } else {
            log.warn("[DB Sync] Error syncing {} to MongoDB: {}", currentCollections, reason);
        }
        if (!(e instanceof MongoException) && !postgres) {
            log.warn("[DB Sync] Unexpected failure (the batch stays in the change log)", e);
        }
        recordError((postgres ? "PostgreSQL: " : "MongoDB: ") + reason);
        long delay = backoff(consecutiveFailures);
        if (!postgres) {
            refreshStats(false);
        }
        publish(State.RETRYING, Instant.now().plusMillis(delay));
        pause(delay);
    }

    private String currentCollections = "changes";

    long backoff(int failures) {
        double exp = backoffMinMillis * Math.pow(2, Math.min(failures - 1, 30));
        long capped = (long) Math.min(backoffMaxMillis, exp);
        // jitter: anywhere in [capped/2, capped], so several consoles do not retry in step
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private void pause(long millis) {
        try {
            closeSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private Instant nextPruneAt = Instant.EPOCH;

    /**
     * While idle, at most once per {@link #pruneEvery}: drops tombstones older than the retention that
     * no change still to be applied (in the log, or parked) is older than. Under the write lock, as
     * every write to the copy. A failure is logged and retried next time; it loses nothing.
     */
    private void pruneTombstonesNowAndThen() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextPruneAt)) {
            return;
        }
        nextPruneAt = now.plus(pruneEvery);
        java.util.OptionalLong oldest = changeLog.oldestUnappliedId();
        long below = oldest.isPresent() ? oldest.getAsLong() : Long.MAX_VALUE;
        java.util.Date before = java.util.Date.from(now.minus(tombstoneRetention));
        try {
            long pruned = MirrorLocks.withWriteLock(session, () -> mongo.pruneTombstones(before, below));
            if (pruned > 0) {
                log.info("[DB Sync] Removed {} tombstone(s) of rows deleted before {}", pruned, before.toInstant());
            }
        } catch (MongoException e) {
            log.warn("[DB Sync] Could not remove old tombstones (next try in {}): {}", pruneEvery, mask(MongoErrors.describe(e)));
        }
    }

    /** Tells writers whether to NOTIFY (see migration V13); only the leader's own row is touched. */
    private void wakeByNotify(boolean notify) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(
                "update shoptwin.mirror_leader set wake_by_notify = ? where instance_id = ?")) {
            ps.setBoolean(1, notify);
            ps.setObject(2, instanceId);
            ps.executeUpdate();
        }
        polling = !notify;
    }

    private void awaitNotification() throws SQLException {
        // NOTIFY wakes us at once; the timeout is the poll fallback (LISTEN fails through some poolers).
        // Waited in slices, so that close() is answered within a slice whatever the poll interval.
        PGConnection pg = session.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollMillis);
        while (!closed) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            org.postgresql.PGNotification[] got = pg.getNotifications((int) Math.min(left, 250));
            if (got != null && got.length > 0) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ leadership

    private boolean ensureLeader() throws SQLException {
        if (session == null) {
            session = database.openSessionConnection();
            try (Statement s = session.createStatement()) {
                s.execute("listen shoptwin_change");
            }
            leader = false;
        }
        if (leader) {
            return true;
        }
        if (MirrorLocks.tryLock(session, MirrorLocks.LEADER_KEY)) {
            leader = true;
            leaderSince = Instant.now();
            try (PreparedStatement ps = session.prepareStatement(
                    "insert into shoptwin.mirror_leader (singleton, instance_id, host, pid, backend_pid, since, wake_by_notify) "
                            + "values (true, ?, ?, ?, pg_backend_pid(), now(), true) on conflict (singleton) do update set "
                            + "instance_id = excluded.instance_id, host = excluded.host, pid = excluded.pid, "
                            + "backend_pid = excluded.backend_pid, since = excluded.since, wake_by_notify = true returning since")) {
                ps.setObject(1, instanceId);
                ps.setString(2, host);
                ps.setLong(3, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    leaderSince = rs.getTimestamp(1).toInstant();
                }
            }
            mapper = DocumentMapper.load(session);
            knownLeader = Optional.of(new Leader(host, pid, leaderSince, true));
            log.info("[DB Sync] This console ({} pid {}) now mirrors PostgreSQL to MongoDB", host, pid);
            return true;
        }
        knownLeader = readLeader();
        return false;
    }

    private Optional<Leader> readLeader() throws SQLException {
        String sql = "select host, pid, since, instance_id = ?, exists (select 1 from pg_locks l where l.locktype = 'advisory' "
                + "and l.granted and l.pid = m.backend_pid) from shoptwin.mirror_leader m";
        try (PreparedStatement ps = session.prepareStatement(sql)) {
            ps.setObject(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(5)) {
                    return Optional.of(new Leader(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4)));
                }
                return Optional.empty();
            }
        }
    }

    private void closeSession() {
        if (polling && session != null) {
            try {
                wakeByNotify(true); // best effort: the next leader sets it anyway when it takes over
            } catch (SQLException e) {
                log.debug("[DB Sync] could not ask writers to notify again: {}", mask(e.getMessage()));
            }
        }
        polling = false;
        foundLastTime = false;
        discardReadAhead();
        mongo.forgetVersions(); // another console may write the copy before this one leads again
        copyEpoch = -1;
        Connection s = session;
        session = null;
        if (leader) {
            log.info("[DB Sync] This console stops mirroring (lock released)");
        }
        leader = false;
        knownLeader = Optional.empty();
        if (s != null) {
            try {
                s.close(); // ends the session: PostgreSQL releases the advisory locks
            } catch (SQLException e) {
                log.debug("[DB Sync] closing the session connection failed: {}", mask(e.getMessage()));
            }
        }
    }

    // ------------------------------------------------------------------ one batch

    private record RowKey(MirrorTable table, String rowId) {
    }

    /** A batch read from the change log and mapped to documents, ready to be written. */
    private static final class Prepared {
        final List<ChangeLogEntry> batch;
        final long readNanos;
        final Map<RowKey, List<Long>> idsByRow = new LinkedHashMap<>();
        final Map<RowKey, ChangeLogEntry> last = new LinkedHashMap<>();
        final Set<RowKey> createdInBatch = new HashSet<>();
        final List<MongoCopy.Write> writes = new ArrayList<>();
        final Map<Long, String> rejected = new LinkedHashMap<>();
        final Map<MongoCopy.Write, ChangeLogEntry> entryOf = new java.util.IdentityHashMap<>();
        boolean sawUnknownColumn;

        Prepared(List<ChangeLogEntry> batch, long readNanos) {
            this.batch = batch;
            this.readNanos = readNanos;
        }
    }

    /** Groups a batch by row (the last change per row wins) and maps it with {@code mapper}. */
    private Prepared prepare(List<ChangeLogEntry> batch, long readNanos, DocumentMapper mapper) {
        Prepared p = new Prepared(batch, readNanos);
        for (ChangeLogEntry e : batch) {
            RowKey key = new RowKey(e.table(), e.rowId());
            if (p.last.put(key, e) == null && e.op() == ChangeLogEntry.Op.INSERT) {
                p.createdInBatch.add(key); // the row's first change here created it: the copy has no document yet
            }
            p.idsByRow.computeIfAbsent(key, k -> new ArrayList<>()).add(e.id());
        }
        map(mapper, p);
        return p;
    }

    private Prepared readAndPrepare(Collection<Long> inFlight, DocumentMapper mapper) throws SQLException {
        long started = System.nanoTime();
        List<ChangeLogEntry> batch = changeLog.readBatch(batchSize, inFlight);
        return prepare(batch, System.nanoTime() - started, mapper);
    }

    /**
     * The next batch, read and mapped on another thread while this one is written to MongoDB (only while
     * catching up: after a full batch). It excludes the batch in flight; a row it holds that is also in
     * that batch has a later change, applied after it. Discarded on any failure: its rows stay in the log.
     */
    private java.util.concurrent.Future<Prepared> readAhead;
    private java.util.concurrent.ExecutorService readAheadThread;

    private void discardReadAhead() {
        if (readAhead != null) {
            readAhead.cancel(false);
            readAhead = null;
        }
    }

    private Prepared takeReadAhead() throws SQLException {
        java.util.concurrent.Future<Prepared> f = readAhead;
        readAhead = null;
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the change log ahead", e);
        }
    }

    private int mirrorOneBatch() throws SQLException {
        long started = System.nanoTime();
        Prepared p = readAhead != null ? takeReadAhead() : readAndPrepare(List.of(), mapper);
        if (p.batch.isEmpty()) {
            return 0;
        }
        if (p.sawUnknownColumn) {
            // a migration added a column since the mapper loaded: learn its type, map again
            mapper = DocumentMapper.load(session);
            p = prepare(p.batch, p.readNanos, mapper);
        }
        if (p.batch.size() >= batchSize) {
            List<Long> inFlight = new ArrayList<>(p.batch.size());
            p.batch.forEach(e -> inFlight.add(e.id()));
            DocumentMapper m = mapper;
            if (readAheadThread == null) {
                readAheadThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "mirror-read-ahead");
                    t.setDaemon(true);
                    return t;
                });
            }
            readAhead = readAheadThread.submit(() -> readAndPrepare(inFlight, m));
        }
        List<ChangeLogEntry> batch = p.batch;
        long readNanos = p.readNanos;
        Map<RowKey, List<Long>> idsByRow = p.idsByRow;
        Set<MirrorTable> tables = new HashSet<>();
        p.last.keySet().forEach(k -> tables.add(k.table()));
        currentCollections = String.join(", ", tables.stream().sorted().map(MirrorTable::collectionName).toList());
        List<MongoCopy.Write> writes = p.writes;
        Map<Long, String> rejected = p.rejected;
        Map<MongoCopy.Write, ChangeLogEntry> entryOf = p.entryOf;
        // the write lock is taken on the leader's own session: if that session is gone, so is the
        // leadership, and this throws before anything is written
        long mongoStarted = System.nanoTime();
        long epoch = MirrorLocks.lockForWrite(session);
        List<MongoCopy.Result> results = MirrorLocks.underWriteLock(session, () -> {
            if (epoch != copyEpoch) {
                mongo.forgetVersions(); // a resync wrote the copy since: what this mirror remembers may be old
                copyEpoch = epoch;
            }
            return mongo.apply(writes, false);
        });
        long mongoNanos = System.nanoTime() - mongoStarted;
        if (afterMongoWrite != null) {
            afterMongoWrite.run();
        }
        int written = 0;
        int stale = 0;
        Map<MirrorTable, int[]> perTable = new EnumMap<>(MirrorTable.class);
        for (MongoCopy.Result r : results) {
            ChangeLogEntry e = entryOf.get(r.write());
            switch (r.outcome()) {
                case APPLIED -> {
                    written++;
                    perTable.computeIfAbsent(e.table(), t -> new int[1])[0]++;
                    if (log.isDebugEnabled()) {
                        log.debug("[DB Sync] {} {} in MongoDB: {}", e.table().noun(), verb(e.op()), e.rowId());
                    }
                }
                case STALE -> {
                    stale++;
                    log.debug("[DB Sync] {} {} already newer in MongoDB (change {} skipped)", e.table().noun(), e.rowId(), e.id());
                }
                case REJECTED -> {
                    rejected.put(e.id(), mask(r.error()));
                    log.warn("[DB Sync] Error syncing {} to MongoDB: {} {} rejected, parked: {}", e.table().collectionName(),
                            e.table().noun(), e.rowId(), mask(r.error()));
                }
            }
        }
        List<Long> ack = new ArrayList<>(batch.size());
        Set<Long> rejectedIds = rejected.keySet();
        idsByRow.values().forEach(ids -> ids.stream().filter(id -> !rejectedIds.contains(id)).forEach(ack::add));
        changeLog.park(rejected);
        changeLog.acknowledge(ack);

        Instant now = Instant.now();
        lastSuccessAt = now;
        appliedCounts.addLast(new long[] {now.toEpochMilli(), batch.size()});
        long millis = (System.nanoTime() - started) / 1_000_000;
        long backlogAfter = Math.max(0, stats.pending() - batch.size());
        stats = new ChangeLog.Stats(backlogAfter, stats.oldestPendingAt(), stats.parked() + rejected.size());
        StringBuilder detail = new StringBuilder();
        perTable.forEach((t, n) -> detail.append(detail.length() == 0 ? "" : ", ").append(t.collectionName()).append(' ').append(n[0]));
        log.info("[DB Sync] Mirrored {} change(s) to MongoDB in {} ms (read {} ms, MongoDB {} ms): {} document(s) written{}{}{}",
                batch.size(), millis, readNanos / 1_000_000, mongoNanos / 1_000_000, written,
                detail.length() == 0 ? "" : " (" + detail + ")", stale == 0 ? "" : ", " + stale + " already newer",
                rejected.isEmpty() ? "" : ", " + rejected.size() + " parked");
        MirrorListener.BatchResult result = new MirrorListener.BatchResult(batch.size(), written, stale, rejected.size(), millis, backlogAfter);
        notifyListeners(l -> l.batchApplied(result));
        if (!rejected.isEmpty()) {
            List<ParkedChange> parkedNow = new ArrayList<>();
            for (ChangeLogEntry e : batch) {
                if (rejected.containsKey(e.id())) {
                    parkedNow.add(new ParkedChange(e.id(), e.table(), e.op(), e.rowId(), e.changedAt(), now, 1, rejected.get(e.id())));
                }
            }
            rejected.values().forEach(this::recordError);
            notifyListeners(l -> l.parked(parkedNow));
        }
        return batch.size();
    }

    /** Maps each row's last change; a row that cannot be mapped is rejected (parked), the rest go on. */
    private void map(DocumentMapper mapper, Prepared p) {
        for (ChangeLogEntry e : p.last.values()) {
            try {
                MongoCopy.Write w = new MongoCopy.Write(e.table(), e.rowId(),
                        e.isDelete() ? null : mapper.toDocument(e.table(), e.rowData()), e.id(),
                        p.createdInBatch.contains(new RowKey(e.table(), e.rowId())));
                p.writes.add(w);
                p.entryOf.put(w, e);
            } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException ex) {
                p.rejected.put(e.id(), mask("cannot map the row to a document: " + ex.getMessage()));
            }
        }
        p.sawUnknownColumn = mapper.sawUnknownColumn();
    }

    private static String verb(ChangeLogEntry.Op op) {
        return switch (op) {
            case INSERT -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
        };
    }

    // ------------------------------------------------------------------ health

    private void refreshStats(boolean force) {
        Instant now = Instant.now();
        if (!force && now.isBefore(statsReadAt.plus(STATS_EVERY))) {
            return;
        }
        try {
            statsStale = false;
            stats = changeLog.stats();
            statsReadAt = now;
        } catch (SQLException e) {
            // health is best effort; the loop's own queries report the real failure
            log.debug("[DB Sync] reading backlog figures failed: {}", mask(e.getMessage()));
        }
    }

    private void recordError(String message) {
        synchronized (recentErrors) {
            recentErrors.addLast(new MirrorError(Instant.now(), message));
            while (recentErrors.size() > MAX_RECENT_ERRORS) {
                recentErrors.removeFirst();
            }
        }
        notifyListeners(l -> l.error(message));
    }

    private long changesPerMinute(Instant now) {
        long cutoff = now.minusSeconds(60).toEpochMilli();
        while (!appliedCounts.isEmpty() && appliedCounts.peekFirst()[0] < cutoff) {
            appliedCounts.removeFirst();
        }
        long sum = 0;
        for (long[] c : appliedCounts) {
            sum += c[1];
        }
        return sum;
    }

    private void publish(State state, Instant nextAttemptAt) {
        Instant now = Instant.now();
        Duration lag = stats.pending() == 0 || stats.oldestPendingAt() == null ? Duration.ZERO
                : Duration.between(stats.oldestPendingAt(), now);
        if (lag.isNegative()) {
            lag = Duration.ZERO;
        }
        List<MirrorError> errors;
        synchronized (recentErrors) {
            errors = List.copyOf(recentErrors);
        }
        Optional<Leader> leaderNow = state == State.STOPPED ? Optional.empty() : knownLeader;
        MirrorHealth next = new MirrorHealth(state, nextAttemptAt, stats.pending(), lag, lastSuccessAt,
                changesPerMinute(now), stats.parked(), errors, leaderNow, now);
        health = next;
        heartbeat(next);
        notifyListeners(l -> l.healthChanged(next));
    }

    private State heartbeatState;
    private Instant heartbeatAt = Instant.EPOCH;

    /** The leader's state, in PostgreSQL for {@code shoptwin status} and the standbys: on change, else every few seconds. */
    private void heartbeat(MirrorHealth h) {
        if (!leader || session == null || h.state() == State.STOPPED) {
            return;
        }
        if (h.state() == heartbeatState && h.updatedAt().isBefore(heartbeatAt.plus(STATS_EVERY.multipliedBy(2)))) {
            return;
        }
        try (PreparedStatement ps = session.prepareStatement("update shoptwin.mirror_leader set state = ?, heartbeat_at = now(), "
                + "last_success_at = ?, last_error = ? where instance_id = ?")) {
            ps.setString(1, h.state().name());
            ps.setObject(2, h.lastSuccessAt() == null ? null : java.sql.Timestamp.from(h.lastSuccessAt()));
            ps.setString(3, h.recentErrors().isEmpty() ? null : h.recentErrors().get(h.recentErrors().size() - 1).message());
            ps.setObject(4, instanceId);
            ps.executeUpdate();
            heartbeatState = h.state();
            heartbeatAt = h.updatedAt();
        } catch (SQLException e) {
            // the loop's next statement on this session reports a lost connection properly
            log.debug("[DB Sync] heartbeat failed: {}", mask(e.getMessage()));
        }
    }

    /**
     * The mirror's health as seen from PostgreSQL, for a process that does not mirror itself
     * ({@code shoptwin status}): the leader's published state if a leader holds the lock (else
     * STOPPED: no console is mirroring), and the backlog figures.
     */
    public static MirrorHealth observe(Database database) throws SQLException {
        ChangeLog.Stats stats = new ChangeLog(database.dataSource()).stats();
        State state = State.STOPPED;
        Optional<Leader> leader = Optional.empty();
        Instant lastSuccess = null;
        List<MirrorError> errors = List.of();
        String sql = "select host, pid, since, state, last_success_at, last_error, heartbeat_at from shoptwin.mirror_leader m "
                + "where exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted and l.pid = m.backend_pid)";
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.next()) {
                leader = Optional.of(new Leader(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), false));
                state = rs.getString(4) == null ? State.RUNNING : State.valueOf(rs.getString(4));
                lastSuccess = rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant();
                if (rs.getString(6) != null) {
                    Instant at = rs.getTimestamp(7) == null ? Instant.now() : rs.getTimestamp(7).toInstant();
                    errors = List.of(new MirrorError(at, rs.getString(6)));
                }
            }
        }
        Instant now = Instant.now();
        Duration lag = stats.pending() == 0 || stats.oldestPendingAt() == null ? Duration.ZERO : Duration.between(stats.oldestPendingAt(), now);
        return new MirrorHealth(state, null, stats.pending(), lag.isNegative() ? Duration.ZERO : lag, lastSuccess, 0, stats.parked(),
                errors, leader, now);
    }

    private void notifyListeners(java.util.function.Consumer<MirrorListener> call) {
        for (MirrorListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("[DB Sync] A mirror listener failed: {}", mask(String.valueOf(e.getMessage())), e);
            }
        }
    }

    private String mask(String text) {
        return Secrets.maskAll(Secrets.mask(text, secrets));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown host");
        }
    }

    // ------------------------------------------------------------------ builder

    public static final class Builder {
        private Database database;
        private MongoSettings mongoSettings;
        private MongoClient mongoClient;
        private String mongoDatabase;
        private int batchSize = 1_000;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration standbyRetry = Duration.ofMillis(1_500);
        private Duration backoffMin = Duration.ofMillis(200);
        private Duration backoffMax = Duration.ofSeconds(30);
        private String host;
        private Runnable afterMongoWrite;
        private Duration tombstoneRetention = Duration.ofDays(7);
        private final List<MirrorListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder database(Database database) {
            this.database = database;
            return this;
        }

        /** MongoDB to mirror to; the service opens and closes its own client. */
        public Builder mongo(MongoSettings settings) {
            this.mongoSettings = settings;
            this.mongoDatabase = settings.database();
            return this;
        }

        /** A client the caller owns (not closed by the service). */
        public Builder mongoClient(MongoClient client, String databaseName) {
            this.mongoClient = client;
            this.mongoDatabase = databaseName;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1");
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder standbyRetry(Duration standbyRetry) {
            this.standbyRetry = standbyRetry;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        /** The name standbys show for this console (default: the host name). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** How long a deleted row's tombstone is kept at least (default 7 days; see pruneTombstonesNowAndThen). */
        public Builder tombstoneRetention(Duration retention) {
            if (retention.isNegative()) {
                throw new IllegalArgumentException("tombstone retention must not be negative");
            }
            this.tombstoneRetention = retention;
            return this;
        }

        public Builder listener(MirrorListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Fault point for tests: runs after MongoDB acknowledged a batch, before the change log is trimmed. */
        public Builder afterMongoWrite(Runnable hook) {
            this.afterMongoWrite = hook;
            return this;
        }

        public MirrorService build() {
            if (mongoDatabase == null) {
                throw new IllegalStateException("set mongo(...) or mongoClient(...)");
            }
            return new MirrorService(this);
        }
    }
}
