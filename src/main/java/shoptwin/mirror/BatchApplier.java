package shoptwin.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;

/**
 * Applies the change log to the copy, one batch at a time, for the leader: read a batch in id order,
 * keep the last change per row, map it to documents, write what is newer than the copy through
 * {@link MongoCopy} under the write lock (reading the copy's epoch in the same round trip), park what
 * MongoDB rejected for its own document's sake, and only then delete the acknowledged rows from the
 * change log. While catching up (after a full batch) the next batch is read and mapped on another
 * thread, leaving out the batch in flight; it is thrown away on any failure, so its rows stay in the log.
 */
final class BatchApplier implements Batches {
    // the mirror's [DB Sync] lines come from one logger, whichever part of it writes them
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);
    /** How many rows' versions the leader remembers (a few MB), so that their guard needs no read. */
    static final int REMEMBERED_VERSIONS = 100_000;

    private final ChangeLog changeLog;
    private final MongoCopy mongo;
    private final CopyGeneration generation;
    private final WriteDeadline deadline;
    /** Test seam: what the mapper made, before it is written (a planted mapping bug for verify's tests). */
    private final UnaryOperator<org.bson.Document> afterMapping;
    /** Test seam: runs under the write lock after the marker, before the documents (a leader paused mid-batch). */
    Runnable beforeDocuments = () -> { };
    private final int batchSize;
    /** The next batch's size: {@link #batchSize}, halved after a batch ran past the write deadline (volatile: read ahead). */
    private volatile int limit;
    private final Clock clock;
    private final UnaryOperator<String> mask;
    /** Writes every version into the history in the same batch; null when the history is off (measurements only). */
    private final HistoryRecorder history;
    private final HistoryPruning historyPruning;
    /** Test seam (package-private in the builder): runs after MongoDB acknowledged a batch, before the log is trimmed. */
    private final Runnable afterMongoWrite;
    /** Brings a table's documents up to date when its columns changed; null in tests that do without. */
    private final ColumnChanges columnChanges;

    private Connection session;
    private DocumentMapper mapper;
    /** Whether this leadership has compared the copy's recorded columns with the tables' (before its first write). */
    private boolean copyColumnsChecked;
    private long copyEpoch = -1;
    private String currentCollections = "changes";
    private Future<Prepared> readAhead;
    private ExecutorService readAheadThread;

    BatchApplier(ChangeLog changeLog, MongoCopy mongo, CopyGeneration generation, WriteDeadline deadline, int batchSize, Clock clock,
                 UnaryOperator<String> mask, Runnable afterMongoWrite, UnaryOperator<org.bson.Document> afterMapping,
                 ColumnChanges columnChanges, HistoryRecorder history, HistoryPruning historyPruning) {
        this.columnChanges = columnChanges;
        this.history = history;
        this.historyPruning = historyPruning;
        this.changeLog = changeLog;
        this.mongo = mongo;
        this.generation = generation;
        this.deadline = deadline;
        this.afterMapping = afterMapping == null ? UnaryOperator.identity() : afterMapping;
        this.batchSize = batchSize;
        this.limit = batchSize;
        this.clock = clock;
        this.mask = mask;
        this.afterMongoWrite = afterMongoWrite;
    }

    @Override
    public void lead(Connection session) throws SQLException {
        this.session = session;
        this.mapper = DocumentMapper.load(session);
        generation.forget(); // checked again before the first write
        this.copyColumnsChecked = false;
        if (history != null) {
            history.lead(session, clock.instant());
        }
    }

    @Override
    public java.util.Optional<MirrorHealth.CopyUpdate> copyUpdate() {
        return columnChanges == null ? java.util.Optional.empty() : columnChanges.current();
    }

    @Override
    public String collections() {
        return currentCollections;
    }

    @Override
    public void failed() {
        discardReadAhead();
        generation.forget(); // the marker is read again before the next write
    }

    @Override
    public void stop() {
        if (columnChanges != null) {
            columnChanges.stop();
        }
        discardReadAhead();
        mongo.forgetVersions(); // another console may write the copy before this one leads again
        generation.forget();
        copyEpoch = -1;
        session = null;
    }

    @Override
    public void close() {
        if (columnChanges != null) {
            columnChanges.close();
        }
        if (readAheadThread != null) {
            readAheadThread.shutdownNow();
            readAheadThread = null;
        }
    }

    // ------------------------------------------------------------------ one batch

    private record RowKey(MirrorTable table, String rowId) {
    }

    /** A batch read from the change log and mapped to documents, ready to be written. */
    private static final class Prepared {
        final List<ChangeLogEntry> batch;
        final long readNanos;
        /** The columns' fingerprint read with the batch, and the mapper it was mapped with. */
        final long fingerprint;
        final DocumentMapper mappedWith;
        long notOfTheirType;
        final Map<RowKey, List<Long>> idsByRow = new LinkedHashMap<>();
        final Map<RowKey, ChangeLogEntry> last = new LinkedHashMap<>();
        final Set<RowKey> createdInBatch = new HashSet<>();
        final List<MongoCopy.Write> writes = new ArrayList<>();
        final Map<Long, String> rejected = new LinkedHashMap<>();
        final Map<MongoCopy.Write, ChangeLogEntry> entryOf = new IdentityHashMap<>();
        HistoryRecorder.Pending history = HistoryRecorder.Pending.NONE;

        Prepared(List<ChangeLogEntry> batch, long readNanos, long fingerprint, DocumentMapper mappedWith) {
            this.batch = batch;
            this.readNanos = readNanos;
            this.fingerprint = fingerprint;
            this.mappedWith = mappedWith;
        }
    }

    /** Groups a batch by row (the last change per row wins) and maps it with {@code mapper}. */
    private Prepared prepare(List<ChangeLogEntry> batch, long readNanos, long fingerprint, DocumentMapper mapper) {
        Prepared p = new Prepared(batch, readNanos, fingerprint, mapper);
        for (ChangeLogEntry e : batch) {
            RowKey key = new RowKey(e.table(), e.rowId());
            if (p.last.put(key, e) == null && e.op() == ChangeLogEntry.Op.INSERT) {
                p.createdInBatch.add(key); // the row's first change here created it: the copy has no document yet
            }
            p.idsByRow.computeIfAbsent(key, k -> new ArrayList<>()).add(e.id());
        }
        map(mapper, p);
        if (history != null) {
            Map<Long, org.bson.Document> mapped = new java.util.HashMap<>();
            p.entryOf.forEach((w, e) -> mapped.put(e.id(), w.document()));
            p.history = history.prepare(p.batch, mapped, mapper, p.rejected);
        }
        return p;
    }

    /** Maps each row's last change; a row that cannot be mapped is rejected (parked), the rest go on. */
    private void map(DocumentMapper mapper, Prepared p) {
        long before = mapper.valuesNotOfTheirColumnsType();
        for (ChangeLogEntry e : p.last.values()) {
            try {
                MongoCopy.Write w = new MongoCopy.Write(e.table(), e.rowId(),
                        e.isDelete() ? null : afterMapping.apply(mapper.toDocument(e.table(), e.rowData())), e.id(),
                        p.createdInBatch.contains(new RowKey(e.table(), e.rowId())));
                p.writes.add(w);
                p.entryOf.put(w, e);
            } catch (RuntimeException ex) {
                // whatever the mapper throws belongs to this row alone: park it, the others go on
                p.rejected.put(e.id(), mask.apply("cannot turn this " + e.table().noun().toLowerCase(java.util.Locale.ROOT)
                        + " row into a document: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage())));
            }
        }
        p.notOfTheirType = mapper.valuesNotOfTheirColumnsType() - before;
    }

    private Prepared readAndPrepare(Collection<Long> inFlight, DocumentMapper mapper) throws SQLException {
        long started = System.nanoTime();
        ChangeLog.Batch batch = changeLog.readBatch(limit, inFlight);
        return prepare(batch.entries(), System.nanoTime() - started, batch.schemaFingerprint(), mapper);
    }

    private void discardReadAhead() {
        if (readAhead != null) {
            readAhead.cancel(false);
            readAhead = null;
        }
    }

    private Prepared takeReadAhead() throws SQLException {
        Future<Prepared> f = readAhead;
        readAhead = null;
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the change log ahead", e);
        }
    }

    /** Reads the next batch (while this one is written) on another thread, leaving out the batch in flight. */
    private void readAheadOf(List<ChangeLogEntry> batch) {
        List<Long> inFlight = new ArrayList<>(batch.size());
        batch.forEach(e -> inFlight.add(e.id()));
        DocumentMapper m = mapper;
        if (readAheadThread == null) {
            readAheadThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mirror-read-ahead");
                t.setDaemon(true);
                return t;
            });
        }
        readAhead = readAheadThread.submit(() -> readAndPrepare(inFlight, m));
    }

    /** Below this many changes a smaller batch is not less likely to be cut: a few round trips of one small message each. */
    static final int NETWORK_CUT_FLOOR = 32;

    /**
     * The next batch's size after {@code failed} changes failed with {@code e}: half. A timeout (the write deadline,
     * a socket read timeout) scales with the batch, so down to one change; a cut connection does not below a few
     * messages' worth (the same handful of round trips whatever the size), so down to {@link #NETWORK_CUT_FLOOR}:
     * on a link that cuts a third of the batches, one change at a time would drain 30 times slower for nothing.
     */
    int smallerLimitAfter(RuntimeException e, int failed) {
        boolean timedOut = e instanceof com.mongodb.MongoTimeoutException || e instanceof com.mongodb.MongoSocketReadTimeoutException;
        int floor = timedOut ? 1 : Math.min(batchSize, NETWORK_CUT_FLOOR);
        return Math.max(Math.min(floor, failed), failed / 2);
    }

    @Override
    public Applied applyNext() throws SQLException {
        long started = System.nanoTime();
        if (!generation.checked()) {
            // at every leader start and after any failure: is the copy still this database's, in this history?
            Divergence d = generation.check(session);
            if (d != null) {
                throw new CopyDivergedException(d);
            }
        }
        if (!copyColumnsChecked && columnChanges != null) {
            // before this leader writes anything (and once the copy is known to be this database's): a copy with no record of its columns yet is told apart from
            // one this very mirror is filling; then tables that changed while no console led are updated
            columnChanges.recordColumnsOfAnEmptyCopy(mapper);
            copyColumnsChecked = true;
            columnChanges.columnsLoaded();
        }
        Prepared p = readAhead != null ? takeReadAhead() : readAndPrepare(List.of(), mapper);
        if (p.fingerprint != mapper.fingerprint()) {
            // a column was added, dropped, renamed or retyped (Studio, a migration) before these changes were
            // read: learn the columns before mapping any of them, and bring the table's documents up to date
            mapper = DocumentMapper.load(session);
            log.info("[DB Sync] The shop tables' columns changed in Supabase: the mirror maps changes with the new columns");
            if (columnChanges != null) {
                columnChanges.columnsLoaded();
            }
        }
        if (p.batch.isEmpty()) {
            return Applied.NOTHING;
        }
        if (p.mappedWith != mapper) {
            p = prepare(p.batch, p.readNanos, p.fingerprint, mapper); // read ahead with the columns before
        }
        if (p.notOfTheirType > 0) {
            log.info("[DB Sync] {} value(s) in this batch were captured before their column was retyped: copied as captured; "
                    + "the table's update rewrites them", p.notOfTheirType);
        }
        if (p.batch.size() >= batchSize && limit == batchSize) {
            readAheadOf(p.batch);
        }
        Set<MirrorTable> tables = new HashSet<>();
        p.last.keySet().forEach(k -> tables.add(k.table()));
        currentCollections = String.join(", ", tables.stream().sorted().map(MirrorTable::collectionName).toList());
        List<MongoCopy.Write> writes = p.writes;
        Prepared prepared = p;
        // the write lock is taken on the leader's own session: if that session is gone, so is the
        // leadership, and this throws before anything is written. In the same round trip: the copy's epoch,
        // this database's generation, and a new intent, which goes into the copy's marker before any document
        long mongoStarted = System.nanoTime();
        List<MongoCopy.Result> results;
        try {
            CopyGeneration.Began began = generation.begin(session, true, false, deadline);
            if (!began.waited().isZero()) {
                log.info("[DB Sync] Waited {} ms for the previous writer of the copy, whose session ended mid-batch, to be past"
                        + " its deadline", began.waited().toMillis());
            }
            results = MirrorLocks.underWriteLock(session, () -> {
                generation.verify(began);
                if (began.epoch() != copyEpoch) {
                    mongo.forgetVersions(); // a resync wrote the copy since: what this mirror remembers may be old
                    copyEpoch = began.epoch();
                }
                generation.writeMarker(session, began);
                beforeDocuments.run();
                List<MongoCopy.Result> applied = mongo.apply(writes, false);
                if (history != null) { // every version, before the change log is trimmed; parked ones when finally applied
                    Set<Long> parked = new HashSet<>(prepared.rejected.keySet());
                    applied.stream().filter(r -> r.outcome() == MongoCopy.Outcome.REJECTED)
                            .forEach(r -> parked.add(prepared.entryOf.get(r.write()).id()));
                    prepared.rejected.putAll(history.write(prepared.history, parked));
                }
                return applied;
            });
        } catch (com.mongodb.MongoTimeoutException | com.mongodb.MongoSocketException e) {
            // a batch slower than the write deadline (a busy or slow MongoDB) would time out again at the same size,
            // and on a link that drops connections now and then a big batch (its documents and their history
            // versions) is the likeliest to be cut again: the next attempt reads half as many changes, so the mirror
            // keeps moving; it grows back after each success
            limit = smallerLimitAfter(e, p.batch.size());
            discardReadAhead();
            throw e;
        } finally {
            deadline.stop();
        }
        limit = Math.min(batchSize, limit * 2);
        long mongoNanos = System.nanoTime() - mongoStarted;
        if (afterMongoWrite != null) {
            afterMongoWrite.run();
        }
        return acknowledge(p, results, started, mongoNanos);
    }

    /** Parks what MongoDB rejected, deletes the rest from the change log, and says what the batch did. */
    private Applied acknowledge(Prepared p, List<MongoCopy.Result> results, long started, long mongoNanos) throws SQLException {
        Map<Long, String> rejected = p.rejected;
        int written = 0;
        int stale = 0;
        Map<MirrorTable, int[]> perTable = new EnumMap<>(MirrorTable.class);
        for (MongoCopy.Result r : results) {
            ChangeLogEntry e = p.entryOf.get(r.write());
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
                    rejected.put(e.id(), mask.apply(r.error()));
                    log.warn("[DB Sync] Error syncing {} to MongoDB: {} {} rejected, parked: {}", e.table().collectionName(),
                            e.table().noun(), e.rowId(), mask.apply(r.error()));
                }
            }
        }
        List<Long> ack = new ArrayList<>(p.batch.size());
        Set<Long> rejectedIds = rejected.keySet();
        p.idsByRow.values().forEach(ids -> ids.stream().filter(id -> !rejectedIds.contains(id)).forEach(ack::add));
        changeLog.park(rejected);
        changeLog.acknowledge(session, ack); // on the leader's session: only the leader may acknowledge (R__acknowledge_changes)

        long millis = (System.nanoTime() - started) / 1_000_000;
        StringBuilder detail = new StringBuilder();
        perTable.forEach((t, n) -> detail.append(detail.length() == 0 ? "" : ", ").append(t.collectionName()).append(' ').append(n[0]));
        log.info("[DB Sync] Mirrored {} change(s) to MongoDB in {} ms (read {} ms, MongoDB {} ms): {} document(s) written{}{}{}",
                p.batch.size(), millis, p.readNanos / 1_000_000, mongoNanos / 1_000_000, written,
                detail.length() == 0 ? "" : " (" + detail + ")", stale == 0 ? "" : ", " + stale + " already newer",
                rejected.isEmpty() ? "" : ", " + rejected.size() + " parked");
        Map<MirrorTable, Map<ChangeLogEntry.Op, Long>> acknowledged = p.batch.stream().filter(e -> !rejectedIds.contains(e.id()))
                .collect(java.util.stream.Collectors.groupingBy(ChangeLogEntry::table,
                        java.util.stream.Collectors.groupingBy(ChangeLogEntry::op, java.util.stream.Collectors.counting())));
        if (rejected.isEmpty()) {
            return new Applied(p.batch.size(), written, stale, millis, List.of(), List.of(), acknowledged);
        }
        List<ParkedChange> parked = new ArrayList<>();
        Instant now = clock.instant();
        for (ChangeLogEntry e : p.batch) {
            if (rejected.containsKey(e.id())) {
                parked.add(new ParkedChange(e.id(), e.table(), e.op(), e.rowId(), e.changedAt(), now, 1, rejected.get(e.id())));
            }
        }
        return new Applied(p.batch.size(), written, stale, millis, parked, List.copyOf(rejected.values()), acknowledged);
    }

    private static String verb(ChangeLogEntry.Op op) {
        return switch (op) {
            case INSERT -> "created";
            case UPDATE -> "updated";
            case DELETE -> "deleted";
        };
    }

    // ------------------------------------------------------------------ tombstones and old versions

    @Override
    public boolean pruneHistory(Instant olderThan, java.time.Duration budget) {
        return historyPruning == null || historyPruning.prune(olderThan, budget);
    }

    /**
     * Drops tombstones older than {@code deletedBefore} that no change still to be applied (in the log, or
     * parked) is older than (a tombstone only stops changes older than itself). Under the write lock, as
     * every write to the copy.
     */
    @Override
    public void pruneTombstones(Instant deletedBefore) throws SQLException {
        OptionalLong oldest = changeLog.oldestUnappliedId();
        long below = oldest.isPresent() ? oldest.getAsLong() : Long.MAX_VALUE;
        Date before = Date.from(deletedBefore);
        if (!generation.checked() && generation.check(session) != null) {
            return; // versions are not comparable across histories: nothing is pruned until a person decides
        }
        long pruned;
        try {
            CopyGeneration.Began began = generation.begin(session, false, false, deadline);
            pruned = MirrorLocks.underWriteLock(session, () -> {
                generation.verify(began);
                return mongo.pruneTombstones(before, below);
            });
        } finally {
            deadline.stop();
        }
        if (pruned > 0) {
            log.info("[DB Sync] Removed {} tombstone(s) of rows deleted before {}", pruned, before.toInstant());
        }
    }
}
