package shoptwin.mirror;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.copy.RowImages;
import shoptwin.store.postgres.Database;

/**
 * Rebuilds the MongoDB copy from one consistent PostgreSQL snapshot, while writers keep writing
 * and the live mirror keeps running.
 *
 * <p>How it stays correct: it takes a change-log position S, waits until every transaction that
 * could hold a change-log id up to S has ended, then opens a REPEATABLE READ snapshot, so every
 * change with id ≤ S is in the snapshot. Each document is written with {@code _v} = the larger of
 * S and the row's newest change still pending in the snapshot; the live mirror applies only
 * changes with larger ids, which are exactly the changes the snapshot does not hold. Each chunk
 * reads the copy's versions and writes under the mirror's write lock, fenced by version, so a document
 * the live mirror already moved past the snapshot is left alone, and a row deleted since stays deleted.
 *
 * <p>Versions are comparable only within one history of one database ({@link CopyGeneration}): a resync
 * first checks that the copy is this database's, in this history, and refuses otherwise
 * ({@link CopyDivergedException}). A {@link #rebase(boolean) rebase} is the resync for exactly that case:
 * it marks the copy as being replaced (the mirror holds meanwhile), rewrites every document with versions
 * of this history whatever the copy held, removes every other document and every tombstone, and puts a new
 * marker with this database's generation; then the mirror goes on.
 */
public final class Resync {
    private static final Logger log = LoggerFactory.getLogger(Resync.class);
    private static final int CHUNK = 1_000;
    private static final int TIMEOUT_ATTEMPTS = 3;
    private static final Duration WAIT_FOR_WRITERS = Duration.ofMinutes(2);

    private final Database database;
    private final MongoDatabase copy;
    private final WriteDeadline deadline = new WriteDeadline(MirrorBuilder.DEFAULT_WRITE_DEADLINE);
    private final MongoCopy mongo;
    private final CopyGeneration generation;
    private Set<MirrorTable> tables = java.util.EnumSet.allOf(MirrorTable.class);
    private ProgressListener progress = ProgressListener.NONE;
    private volatile boolean cancelled;
    private boolean rebase;
    private long highestVersionSeen;

    /** {@code mongo}: the mirror's view of the copy ({@code MongoConnections.forMirror}). */
    public Resync(Database database, MongoDatabase mongo) {
        this.database = Objects.requireNonNull(database);
        this.copy = Objects.requireNonNull(mongo);
        this.mongo = new MongoCopy(mongo, 0, java.time.Clock.systemUTC(), deadline, true);
        this.generation = new CopyGeneration(mongo, shoptwin.config.Secrets.maskAll(database.describe()), java.time.Clock.systemUTC(),
                deadline::apply);
    }

    /**
     * Replace the copy whatever it holds (after Supabase went back in time, or when the copy is another
     * database's): the mirror holds until it is done; cancelling leaves the copy marked, and the mirror
     * holding, until a rebase finishes.
     */
    public Resync rebase(boolean rebase) {
        this.rebase = rebase;
        return this;
    }

    /** Only these tables (the mirror resyncs one whose columns changed); default all. */
    public Resync tables(Set<MirrorTable> tables) {
        this.tables = java.util.EnumSet.copyOf(tables);
        return this;
    }

    public Resync onProgress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** Stops after the current chunk. What was written stays (it is correct); the mirror goes on. */
    public void cancel() {
        cancelled = true;
    }

    /** Throws {@link CopyDivergedException} (writing nothing) when the copy is not this database's history and this is no rebase. */
    public ResyncReport run() throws SQLException {
        Instant started = Instant.now();
        List<ResyncReport.TableResult> results = new ArrayList<>();
        try (Connection session = database.openSessionConnection()) {
            if (rebase) {
                // from now on every other writer holds (its marker write fails), until the rebase's own marker is there
                locked(session, false, () -> {
                    generation.markRebasing();
                    return null;
                });
                log.info("[DB Sync] Rebase: the copy is marked as being replaced; the mirror holds until it is done");
            } else {
                Divergence d = generation.check(session);
                if (d != null) {
                    throw new CopyDivergedException(d);
                }
            }
            long snapshotVersion = takePositionAndWaitForWriters(session);
            try (Connection c = database.dataSource().getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                try {
                    List<MirrorTable> order = MirrorTable.IN_DEPENDENCY_ORDER.stream().filter(tables::contains).toList();
                    RowImages.pin(c);
                    // locked before the snapshot is taken, so that the columns it reads are the ones to_jsonb renders
                    // (no column can change until the resync ends; a Studio ALTER waits for it)
                    lockTables(c, order);
                    Map<MirrorTable, Map<String, Long>> pending = pendingAfter(c, snapshotVersion);
                    DocumentMapper mapper = DocumentMapper.load(c);
                    if (!rebase) {
                        // an intent committed after the snapshot, in the marker before any document (CopyGeneration)
                        locked(session, true, () -> {
                            generation.writeMarker(session, lastBegan);
                            return null;
                        });
                    }
                    HistorySnapshots snapshots = new HistorySnapshots(copy, Instant.now()); // rows' starting points
                    for (MirrorTable table : order) {
                        if (cancelled) {
                            break;
                        }
                        snapshots.table(table);
                        results.add(resyncTable(c, session, mapper, table, snapshotVersion, pending.get(table), snapshots));
                        if (!cancelled) {
                            CopySchema.record(copy, table, mapper.signature(table)); // every document follows these columns now
                        }
                    }
                    if (!cancelled) {
                        finish(session);
                    }
                    snapshots.finish(!cancelled);
                } finally {
                    c.rollback();
                    c.setReadOnly(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    c.setAutoCommit(true);
                }
            }
            ResyncReport report = new ResyncReport(results, snapshotVersion, cancelled, Duration.between(started, Instant.now()));
            log.info("[DB Sync] {} {}: {}", rebase ? "Rebase" : "Resync", cancelled ? "cancelled" : "finished",
                    report.describe().replace('\n', ' ').trim());
            return report;
        }
    }

    /**
     * Takes a change-log id S and waits for the transactions running at that moment to end: any of
     * them may hold a change-log id below S that would otherwise commit after our snapshot.
     *
     * <p>A writer's transaction id is assigned before it takes a change-log id (the row is written
     * first, then the trigger logs it). So after taking S, we take a transaction id N of our own:
     * every writer holding an id below S has a transaction id below N. Once N has committed, a fresh
     * snapshot lists every such writer still running in its in-progress list (a snapshot's xip only
     * covers ids below its xmax, which is past N now); we wait until none of those is in progress.
     */
    private long takePositionAndWaitForWriters(Connection session) throws SQLException {
        long position;
        String ourXid;
        String snapshot;
        try (Statement s = session.createStatement()) {
            try (ResultSet rs = s.executeQuery("select nextval(pg_get_serial_sequence('shoptwin.change_log', 'id'))")) {
                rs.next();
                position = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("select pg_current_xact_id()::text")) { // autocommit: committed at once
                rs.next();
                ourXid = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery("select pg_current_snapshot()::text")) {
                rs.next();
                snapshot = rs.getString(1);
            }
        }
        Instant deadline = Instant.now().plus(WAIT_FOR_WRITERS);
        try (PreparedStatement ps = session.prepareStatement("select count(*) from pg_snapshot_xip(?::pg_snapshot) x "
                + "where x < ?::xid8 and pg_xact_status(x) = 'in progress'")) {
            ps.setString(1, snapshot);
            ps.setString(2, ourXid);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return position;
                    }
                }
                if (cancelled || Instant.now().isAfter(deadline)) {
                    throw new SQLException("resync gave up waiting for transactions still open in PostgreSQL "
                            + "(an idle-in-transaction session?); try again when they have ended");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("resync interrupted", e);
                }
            }
        }
    }

    private static void lockTables(Connection c, List<MirrorTable> tables) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("lock table " + String.join(", ", tables.stream().map(MirrorTable::qualifiedTableName).toList())
                    + " in access share mode");
        }
    }

    /** Per row, the newest change after the position that the snapshot already holds (pending or parked). */
    private static Map<MirrorTable, Map<String, Long>> pendingAfter(Connection c, long position) throws SQLException {
        Map<MirrorTable, Map<String, Long>> out = new EnumMap<>(MirrorTable.class);
        for (MirrorTable t : MirrorTable.values()) {
            out.put(t, new HashMap<>());
        }
        String sql = "select table_name, row_id::text, max(id) from (select table_name, row_id, id from shoptwin.change_log where id > ? "
                + "union all select table_name, row_id, id from shoptwin.parked_change where id > ?) x group by 1, 2";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, position);
            ps.setLong(2, position);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.get(MirrorTable.ofTableName(rs.getString(1))).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    private ResyncReport.TableResult resyncTable(Connection c, Connection session, DocumentMapper mapper, MirrorTable table,
                                                 long position, Map<String, Long> pending, HistorySnapshots snapshots)
            throws SQLException {
        long total;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table.qualifiedTableName())) {
            rs.next();
            total = rs.getLong(1);
        }
        Counts counts = new Counts();
        Set<String> ids = new HashSet<>();
        List<MongoCopy.Write> chunk = new ArrayList<>(CHUNK);
        progress.progress(table, 0, total);
        try (PreparedStatement ps = c.prepareStatement("select id::text, to_jsonb(t)::text from " + table.qualifiedTableName() + " t")) {
            ps.setFetchSize(CHUNK); // a server-side cursor: autocommit is off
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && !cancelled) {
                    String id = rs.getString(1);
                    ids.add(id);
                    Document doc;
                    try {
                        doc = mapper.toDocument(table, rs.getString(2));
                    } catch (RuntimeException e) {
                        // this row alone cannot be mapped: count it, leave its document as it is, go on
                        counts.rows++;
                        refused(counts, table, id, "cannot turn the row into a document: " + e.getMessage());
                        continue;
                    }
                    MongoCopy.Write w = new MongoCopy.Write(table, id, doc, versionFor(id, position, pending));
                    chunk.add(w);
                    snapshots.offer(table, id, w.document(), w.version());
                    if (chunk.size() == CHUNK) {
                        write(session, chunk, counts);
                        progress.progress(table, counts.rows, total);
                    }
                }
            }
        }
        if (!chunk.isEmpty() && !cancelled) {
            write(session, chunk, counts);
        }
        progress.progress(table, counts.rows, total);
        if (!cancelled) {
            removeExtras(session, table, ids, position, pending, counts);
        }
        return new ResyncReport.TableResult(table, counts.rows, counts.written, counts.keptNewer, counts.deleted, counts.rejected,
                counts.rejectedSamples);
    }

    private CopyGeneration.Began lastBegan;
    private java.util.function.Consumer<List<MongoCopy.Write>> beforeWrite = part -> { };

    /** Test seam: runs under the write lock before each part is written (a MongoDB slower than the write deadline). */
    Resync beforeWrite(java.util.function.Consumer<List<MongoCopy.Write>> hook) {
        this.beforeWrite = hook;
        return this;
    }

    /** Runs {@code work} under the write lock, after the generation check of {@link CopyGeneration#begin} (and its intent). */
    private <T> T locked(Connection session, boolean newIntent, MirrorLocks.SqlWork<T> work) throws SQLException {
        try {
            CopyGeneration.Began began = generation.begin(session, newIntent, true, deadline);
            lastBegan = began;
            return MirrorLocks.underWriteLock(session, () -> {
                if (!rebase) {
                    generation.verify(began);
                }
                return work.run();
            });
        } finally {
            deadline.stop();
        }
    }

    /**
     * After the last table: a rebase removes every tombstone (they guard versions of the history it replaced) and
     * puts its own marker, with this database's generation; either makes the change log's next id larger than any
     * version it left in the copy, so that what follows is newer than everything there.
     */
    private void finish(Connection session) throws SQLException {
        if (rebase) {
            locked(session, true, () -> {
                long removed = mongo.tombstones().deleteMany(new Document()).getDeletedCount();
                generation.finishRebase(lastBegan);
                log.info("[DB Sync] Rebase: {} tombstone(s) of the replaced history removed; the copy's marker names this database",
                        removed);
                return null;
            });
            return;
        }
        for (Document t : mongo.tombstones().find().projection(Projections.include(CopyFormat.VERSION)).batchSize(CHUNK)) {
            highestVersionSeen = Math.max(highestVersionSeen, CopyFormat.versionOf(t));
        }
        try (PreparedStatement ps = session.prepareStatement("select shoptwin.raise_change_log_position(?)")) {
            ps.setLong(1, highestVersionSeen);
            ps.execute();
        }
    }

    private static long versionFor(String id, long position, Map<String, Long> pending) {
        Long p = pending.get(id);
        return p == null ? position : Math.max(position, p);
    }

    private void removeExtras(Connection session, MirrorTable table, Set<String> ids, long position, Map<String, Long> pending,
                              Counts counts) throws SQLException {
        List<String> extras = new ArrayList<>();
        List<Object> foreignIds = new ArrayList<>();
        for (Document d : mongo.collection(table).find().projection(Projections.include(CopyFormat.ID, CopyFormat.VERSION)).batchSize(CHUNK)) {
            Object id = d.get(CopyFormat.ID);
            highestVersionSeen = Math.max(highestVersionSeen, CopyFormat.versionOf(d));
            if (!(id instanceof String s)) {
                foreignIds.add(id); // not a row's UUID: never written by the mirror
            } else if (!ids.contains(s)) {
                extras.add(s);
            }
        }
        if (!foreignIds.isEmpty()) {
            counts.deleted += mongo.collection(table).deleteMany(Filters.in(CopyFormat.ID, foreignIds)).getDeletedCount();
        }
        List<MongoCopy.Write> chunk = new ArrayList<>(CHUNK);
        for (String id : extras) {
            chunk.add(new MongoCopy.Write(table, id, null, versionFor(id, position, pending)));
            if (chunk.size() == CHUNK) {
                write(session, chunk, counts);
            }
        }
        if (!chunk.isEmpty()) {
            write(session, chunk, counts);
        }
    }

    private void write(Connection session, List<MongoCopy.Write> chunk, Counts counts) throws SQLException {
        writeWithinDeadline(session, new ArrayList<>(chunk), counts, 0);
        chunk.clear();
    }

    /**
     * Writes {@code part} under the write lock within the write deadline. A busy or slow MongoDB can take longer than the
     * deadline for a whole chunk (on this branch's test peer, under load, every fenced write scans the collection): what
     * landed is correct (fenced, idempotent), so the part is written again in halves, and a single document up to
     * {@link #TIMEOUT_ATTEMPTS} times, instead of the whole resync failing. Issue 13's resync flake investigation found it.
     */
    private void writeWithinDeadline(Connection session, List<MongoCopy.Write> part, Counts counts, int attempts) throws SQLException {
        // the epoch moves in the same round trip that takes the lock: the mirror forgets the versions it remembered (V14)
        MirrorTable table = part.get(0).table();
        List<MongoCopy.Result> results;
        try {
            results = locked(session, false, () -> {
                beforeWrite.accept(part);
                return rebase ? mongo.replaceAll(table, part) : mongo.apply(part, true);
            });
        } catch (MongoTimeoutException e) {
            if (!answers()) {
                throw e; // MongoDB is away, not slow: halves would only wait longer
            }
            if (part.size() > 1) {
                log.info("[DB Sync] Resync: {} documents took longer than the write deadline; writing them again in halves", part.size());
                int half = part.size() / 2;
                writeWithinDeadline(session, new ArrayList<>(part.subList(0, half)), counts, attempts);
                writeWithinDeadline(session, new ArrayList<>(part.subList(half, part.size())), counts, attempts);
                return;
            }
            if (attempts + 1 < TIMEOUT_ATTEMPTS) {
                writeWithinDeadline(session, part, counts, attempts + 1);
                return;
            }
            throw e;
        }
        for (MongoCopy.Result r : results) {
            if (!r.write().isDelete()) {
                counts.rows++;
            }
            switch (r.outcome()) {
                case APPLIED -> {
                    if (r.write().isDelete()) {
                        counts.deleted++;
                    } else {
                        counts.written++;
                    }
                }
                case STALE -> counts.keptNewer++;
                case REJECTED -> refused(counts, r.write().table(), r.write().id(), r.error());
            }
        }
    }

    /** Whether MongoDB answers at all (within the driver's server selection timeout). */
    private boolean answers() {
        try {
            copy.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void refused(Counts counts, MirrorTable table, String id, String reason) {
        counts.rejected++;
        if (counts.rejectedSamples.size() < 10) {
            counts.rejectedSamples.add(id);
        }
        log.warn("[DB Sync] Error syncing {} to MongoDB: {} {} rejected during resync: {}", table.collectionName(), table.noun(), id,
                reason);
    }

    private static final class Counts {
        long rows;
        long written;
        long keptNewer;
        long deleted;
        long rejected;
        final List<String> rejectedSamples = new ArrayList<>();
    }
}
