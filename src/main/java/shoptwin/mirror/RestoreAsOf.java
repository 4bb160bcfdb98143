package shoptwin.mirror;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.Staff;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.HistoryCoverage;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.RowStatements;
import shoptwin.store.postgres.TableLoad;
import shoptwin.store.postgres.TransactionStaff;

/**
 * {@code shoptwin restore --as-of TIME}: the shop's tables exactly as they were at a moment (ids, values, versions,
 * timestamps), from the copy and its history. The copy is the shop now; the history says which rows changed since the
 * moment, and how each of those was then (its newest version captured at or before it). Every other row is as the
 * copy holds it. So the work is a plain restore of the copy plus one look at the versions captured since the moment.
 *
 * <ul>
 * <li>{@link Mode#INTO_EMPTY}: into an empty database (a new project), in one transaction, rows exactly as they were,
 * in bulk ({@link TableLoad}: the tables' triggers off for the transaction, one COPY per table, the totals rebuilt
 * once; row by row as captured writes when this connection does not own the tables). The change log's ids continue
 * above every version in the copy first, so that all later changes count as newer than the copy. The copy still
 * holds what came after the moment, as the old database's copy: `resync --rebase` then makes it this one's (the report says so).
 * <li>{@link Mode#DRY_RUN}: per table, how many rows the live database would get back (recreate), change back and
 * remove; writes nothing.
 * <li>{@link Mode#FORCE}: makes those changes in the live database, in one transaction, as normal captured writes
 * (mirrored and recorded in the history, so the copy follows and the restore itself can be undone).
 * </ul>
 * Refused, naming the earliest restorable moment, for a moment before the history is complete
 * ({@link HistoryCoverage}); refused into the live database while changes wait to be mirrored (the history does not
 * have them yet). Moments are capture times (docs/history.md): a change belongs to the moment its row was written.
 */
public final class RestoreAsOf {
    private static final Logger log = LoggerFactory.getLogger(RestoreAsOf.class);
    private static final int CHUNK = 1_000;
    /** Documents per batch of the copy's scan (about 3 MB of them): fewer round trips, well under the 16 MB reply limit. */
    private static final int COPY_BATCH = 10_000;

    public enum Mode { INTO_EMPTY, DRY_RUN, FORCE }

    private final Database database;
    private final MongoDatabase copy;
    private final Instant asOf;
    private final long asOfMicros;
    private Staff staff = Staff.ofThisComputer(Staff.COMMAND_LINE).via("restore --as-of");
    private Clock clock = Clock.systemUTC();
    private ProgressListener progress = ProgressListener.NONE;

    public RestoreAsOf(Database database, MongoDatabase copy, Instant asOf) {
        this.database = Objects.requireNonNull(database);
        this.copy = Objects.requireNonNull(copy);
        this.asOf = Objects.requireNonNull(asOf);
        this.asOfMicros = HistoryFormat.micros(asOf);
    }

    /** Who the writes are recorded as (default: this computer's user, via "restore --as-of"). */
    public RestoreAsOf staff(Staff staff) {
        this.staff = Objects.requireNonNull(staff);
        return this;
    }

    public RestoreAsOf clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    public RestoreAsOf onProgress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** The earliest moment that can be restored; empty while the history has no complete starting point. */
    public static Optional<Instant> earliest(MongoDatabase copy) {
        return HistoryCoverage.completeSince(copy);
    }

    public RestoreAsOfReport run(Mode mode) throws SQLException, RestoreRefusedException {
        Instant started = clock.instant();
        refuseWhatCannotBeRestored(mode);
        long t0 = System.nanoTime();
        Map<MirrorTable, Map<String, Document>> then = rowsChangedSince();
        log.info("[DB Sync] restore --as-of: {} row(s) changed since {}, found in the history in {} ms", then.values().stream()
                .mapToInt(Map::size).sum(), asOf, (System.nanoTime() - t0) / 1_000_000);
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                TransactionStaff.set(c, staff);
                try (Statement s = c.createStatement()) {
                    s.execute("select set_config('shoptwin.restoring', 'on', true)"); // rows as they were: versions, timestamps
                }
                DocumentMapper mapper = DocumentMapper.load(c);
                if (mode == Mode.INTO_EMPTY) {
                    placeChangeLogAboveTheCopy(c); // before the inserts: their captured changes must count as newer than the copy
                }
                List<RestoreAsOfReport.TableResult> results = mode == Mode.INTO_EMPTY ? intoEmpty(c, mapper, then)
                        : intoLive(c, mapper, then, mode == Mode.FORCE);
                if (mode == Mode.DRY_RUN) {
                    c.rollback();
                } else {
                    c.commit();
                }
                RestoreAsOfReport report = new RestoreAsOfReport(asOf, mode, results, Duration.between(started, clock.instant()));
                if (mode != Mode.DRY_RUN) {
                    log.info("[DB Sync] {}", report.describe().replace('\n', ' ').trim());
                }
                return report;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void refuseWhatCannotBeRestored(Mode mode) throws SQLException, RestoreRefusedException {
        if (asOf.isAfter(clock.instant())) {
            throw new RestoreRefusedException("--as-of " + asOf + " is in the future: name a moment that has passed.");
        }
        Optional<Instant> earliest = earliest(copy);
        if (earliest.isEmpty()) {
            throw new RestoreRefusedException("The backup's history has no complete starting point yet, so no moment can be restored"
                    + " exactly. Run `shoptwin resync` once (it records every row as it is now); any moment after it can then be restored.");
        }
        if (asOf.isBefore(earliest.get())) {
            throw new RestoreRefusedException("The backup's history is complete only from " + earliest.get() + " on (older versions were"
                    + " pruned, or recording began then): " + asOf + " cannot be restored. The earliest moment that can be restored is "
                    + earliest.get() + ".");
        }
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (mode == Mode.INTO_EMPTY) {
                List<String> nonEmpty = new ArrayList<>();
                for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                    try (ResultSet rs = s.executeQuery("select count(*) from " + t.qualifiedTableName())) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            nonEmpty.add(t.qualifiedTableName() + " has " + rs.getLong(1) + " row(s)");
                        }
                    }
                }
                if (!nonEmpty.isEmpty()) {
                    throw new RestoreRefusedException("Restore as of a moment goes into an empty database, and this one is not ("
                            + String.join(", ", nonEmpty) + "). To turn the live database back to that moment, look first with"
                            + " --dry-run, then use --force.");
                }
            } else {
                try (ResultSet rs = s.executeQuery("select (select count(*) from shoptwin.change_log), "
                        + "(select count(*) from shoptwin.parked_change where retried_at is null)")) {
                    rs.next();
                    if (rs.getLong(1) + rs.getLong(2) > 0) {
                        throw new RestoreRefusedException(rs.getLong(1) + " change(s) wait to be mirrored and " + rs.getLong(2)
                                + " are parked: the backup's history does not have them yet. Run `shoptwin mirror --once` (and"
                                + " `shoptwin parked retry --all` for parked ones) first.");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ the rows that changed since the moment

    /**
     * For each row with a version captured after the moment: the row as it was then (its newest version at or before
     * the moment), or null if it did not exist then.
     */
    private Map<MirrorTable, Map<String, Document>> rowsChangedSince() {
        Map<MirrorTable, Set<String>> changed = new EnumMap<>(MirrorTable.class);
        for (MirrorTable t : MirrorTable.values()) {
            changed.put(t, new HashSet<>());
        }
        Date fromMillis = new Date(Math.floorDiv(asOfMicros, 1_000L));
        for (Document d : HistoryFormat.collection(copy).find(Filters.gte(HistoryFormat.CHANGED_AT, fromMillis))
                .projection(Projections.include(HistoryFormat.ID)).batchSize(5_000)) {
            HistoryFormat.parse(d.get(HistoryFormat.ID)).filter(k -> k.micros() > asOfMicros)
                    .ifPresent(k -> changed.get(k.table()).add(k.rowId()));
        }
        Map<MirrorTable, Map<String, Document>> then = new EnumMap<>(MirrorTable.class);
        for (MirrorTable t : MirrorTable.values()) {
            Map<String, Document> rows = new HashMap<>();
            List<String> ids = new ArrayList<>(changed.get(t));
            for (int i = 0; i < ids.size(); i += CHUNK) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
                Map<String, List<Document>> versions = new HashMap<>();
                for (Document d : HistoryFormat.collection(copy).find(Filters.and(Filters.eq(HistoryFormat.TABLE, t.collectionName()),
                        Filters.in(HistoryFormat.ROW_ID, chunk)))) {
                    versions.computeIfAbsent(d.getString(HistoryFormat.ROW_ID), k -> new ArrayList<>()).add(d);
                }
                for (String id : chunk) {
                    rows.put(id, stateThen(t, id, versions.getOrDefault(id, List.of())));
                }
            }
            then.put(t, rows);
        }
        return then;
    }

    /** The row as of the moment from its versions: the newest at or before it (null: deleted, or not created yet). */
    private Document stateThen(MirrorTable table, String id, List<Document> versions) {
        Document newest = null;
        HistoryFormat.Key newestKey = null;
        Document first = null;
        HistoryFormat.Key firstKey = null;
        for (Document d : versions) {
            HistoryFormat.Key k = HistoryFormat.parse(d.get(HistoryFormat.ID)).orElseThrow();
            if (k.micros() <= asOfMicros && (newestKey == null || later(k, newestKey))) {
                newest = d;
                newestKey = k;
            }
            if (firstKey == null || later(firstKey, k)) {
                first = d;
                firstKey = k;
            }
        }
        if (newest == null) {
            HistoryFormat.Op op = first == null ? HistoryFormat.Op.INSERT : HistoryFormat.op(first);
            if (op != HistoryFormat.Op.INSERT) {
                throw new IllegalStateException("The backup's history of " + table.tableName() + " " + id + " has no version at or before "
                        + asOf + " although the history counts as complete then: restore refuses to guess (run `shoptwin resync`).");
            }
            return null; // created after the moment
        }
        return HistoryFormat.op(newest) == HistoryFormat.Op.DELETE ? null : newest.get(HistoryFormat.ROW, Document.class);
    }

    private static boolean later(HistoryFormat.Key a, HistoryFormat.Key b) {
        return a.micros() > b.micros() || (a.micros() == b.micros() && a.changeId() > b.changeId());
    }

    // ------------------------------------------------------------------ writing

    /**
     * Every table in one pass each. When this connection owns the tables, the bulk way ({@link TableLoad}): their
     * triggers off for the transaction, one COPY per table, the customers' totals rebuilt once; otherwise row by row
     * as captured writes.
     */
    private List<RestoreAsOfReport.TableResult> intoEmpty(Connection c, DocumentMapper mapper, Map<MirrorTable, Map<String, Document>> then)
            throws SQLException {
        boolean bulk = TableLoad.possible(c, mapper, MirrorTable.IN_DEPENDENCY_ORDER);
        Map<MirrorTable, List<String>> switchedOff = new EnumMap<>(MirrorTable.class);
        if (bulk) {
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                switchedOff.put(t, TableLoad.triggersOff(c, t));
            }
        } else {
            log.info("[DB Sync] restore --as-of writes row by row: this connection does not own the shop's tables, a column is a"
                    + " composite, or a table forces row-level security on its owner");
        }
        List<RestoreAsOfReport.TableResult> results = new ArrayList<>();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            Map<String, Document> changed = then.get(t);
            long total = CopyFormat.collection(copy, t).countDocuments();
            progress.progress(t, 0, total);
            long[] done = {0};
            Iterable<Document> rows = () -> new RowsThen(CopyFormat.collection(copy, t).find().batchSize(COPY_BATCH).iterator(), changed, () -> {
                if (++done[0] % 10_000 == 0) {
                    progress.progress(t, done[0], total);
                }
            });
            long t0 = System.nanoTime();
            long n = bulk ? TableLoad.copy(c, mapper, t, rows) : new RowStatements(mapper, t).insert(c, rows);
            log.info("[DB Sync] restore --as-of: {} {} row(s) written in {} ms", n, t.tableName(), (System.nanoTime() - t0) / 1_000_000);
            progress.progress(t, n, n);
            results.add(new RestoreAsOfReport.TableResult(t, n, 0, 0, 0));
        }
        if (bulk) {
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                TableLoad.triggersOn(c, t, switchedOff.get(t));
                TableLoad.advanceSequences(c, t);
            }
            long t0 = System.nanoTime();
            TableLoad.rebuildTotals(c);
            log.info("[DB Sync] restore --as-of: customers' totals rebuilt in {} ms", (System.nanoTime() - t0) / 1_000_000);
        }
        return results;
    }

    /** The copy's documents, each row changed since the moment replaced by how it was then (or left out), then those the copy lacks. */
    private static final class RowsThen implements Iterator<Document> {
        private final Iterator<Document> copy;
        private final Map<String, Document> changed;
        private final Runnable tick;
        private final Set<String> seen = new HashSet<>();
        private Iterator<Map.Entry<String, Document>> rest;
        private Document next;

        RowsThen(Iterator<Document> copy, Map<String, Document> changed, Runnable tick) {
            this.copy = copy;
            this.changed = changed;
            this.tick = tick;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (copy.hasNext()) {
                    Document d = copy.next();
                    String id = String.valueOf(d.get(CopyFormat.ID));
                    if (!changed.containsKey(id)) {
                        next = CopyFormat.canonical(d);
                    } else if (changed.get(id) != null && seen.add(id)) {
                        next = changed.get(id);
                    }
                } else {
                    if (rest == null) {
                        rest = changed.entrySet().iterator();
                    }
                    if (!rest.hasNext()) {
                        return false;
                    }
                    Map.Entry<String, Document> e = rest.next();
                    if (e.getValue() != null && seen.add(e.getKey())) {
                        next = e.getValue(); // deleted since: the copy has no document for it
                    }
                }
            }
            return true;
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Document d = next;
            next = null;
            tick.run();
            return d;
        }
    }

    private List<RestoreAsOfReport.TableResult> intoLive(Connection c, DocumentMapper mapper, Map<MirrorTable, Map<String, Document>> then,
                                                        boolean write) throws SQLException {
        Map<MirrorTable, Map<String, Document>> now = new EnumMap<>(MirrorTable.class);
        for (MirrorTable t : MirrorTable.values()) {
            now.put(t, current(c, mapper, t, then.get(t).keySet()));
        }
        Map<MirrorTable, long[]> counts = new EnumMap<>(MirrorTable.class);
        List<MirrorTable> reverse = new ArrayList<>(MirrorTable.IN_DEPENDENCY_ORDER);
        java.util.Collections.reverse(reverse);
        for (MirrorTable t : reverse) { // removed first, children before parents
            long[] n = counts.computeIfAbsent(t, k -> new long[3]);
            RowStatements rows = new RowStatements(mapper, t);
            for (Map.Entry<String, Document> e : then.get(t).entrySet()) {
                if (e.getValue() == null && now.get(t).containsKey(e.getKey())) {
                    n[2]++;
                    if (write) {
                        rows.delete(c, e.getKey(), null);
                    }
                }
            }
        }
        List<RestoreAsOfReport.TableResult> results = new ArrayList<>();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) { // then recreated and changed back, parents before children
            long[] n = counts.get(t);
            RowStatements rows = new RowStatements(mapper, t);
            List<Document> recreate = new ArrayList<>();
            for (Map.Entry<String, Document> e : then.get(t).entrySet()) {
                Document wanted = e.getValue();
                Document current = now.get(t).get(e.getKey());
                if (wanted == null) {
                    continue;
                }
                if (current == null) {
                    recreate.add(wanted);
                } else if (!CopyFormat.canonical(current).equals(CopyFormat.canonical(wanted))) {
                    n[1]++;
                    if (write) {
                        rows.update(c, e.getKey(), wanted, null);
                    }
                }
            }
            n[0] = recreate.size();
            if (write) {
                rows.insert(c, recreate);
            }
            long atThatMoment = CopyFormat.collection(copy, t).countDocuments() + n[0] - n[2];
            results.add(new RestoreAsOfReport.TableResult(t, atThatMoment, n[0], n[1], n[2]));
        }
        return results;
    }

    private static Map<String, Document> current(Connection c, DocumentMapper mapper, MirrorTable t, Collection<String> ids) throws SQLException {
        Map<String, Document> out = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            try (PreparedStatement ps = c.prepareStatement("select id::text, to_jsonb(t)::text from " + t.qualifiedTableName()
                    + " t where id = any(?::uuid[])")) {
                ps.setArray(1, c.createArrayOf("text", all.subList(i, Math.min(all.size(), i + CHUNK)).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), mapper.toDocument(t, rs.getString(2)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A new database's change log starts at 1, below every version ({@code _v}) the copy and its tombstones carry: the
     * mirror would take every change to come as older than the copy. So its ids continue above them.
     */
    private void placeChangeLogAboveTheCopy(Connection c) throws SQLException {
        long highest = 0;
        List<com.mongodb.client.MongoCollection<Document>> all = new ArrayList<>();
        for (MirrorTable t : MirrorTable.values()) {
            all.add(CopyFormat.collection(copy, t));
        }
        all.add(CopyFormat.tombstones(copy));
        for (var collection : all) {
            Document top = collection.find().sort(Sorts.descending(CopyFormat.VERSION)).projection(Projections.include(CopyFormat.VERSION))
                    .limit(1).first();
            highest = Math.max(highest, top == null ? 0 : CopyFormat.versionOf(top));
        }
        if (highest > 0) {
            try (PreparedStatement ps = c.prepareStatement("select setval(pg_get_serial_sequence('shoptwin.change_log', 'id'), "
                    + "greatest(?, (select coalesce(max(id), 0) from shoptwin.change_log)))")) {
                ps.setLong(1, highest);
                ps.execute();
            }
        }
    }
}
