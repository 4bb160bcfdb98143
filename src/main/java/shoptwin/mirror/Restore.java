package shoptwin.mirror;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.copy.RowImages;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.TableLoad;

/**
 * Copies the MongoDB copy back into PostgreSQL (disaster recovery), in one transaction, with
 * {@code shoptwin.restoring} on so that timestamps and versions are kept as they were. Refuses
 * non-empty tables unless {@link #force(boolean) forced}; forced, it upserts; {@link #exact(boolean)
 * exact} also deletes rows the copy does not have. The restored rows are captured by the change
 * log like any write, and mirrored back (a no-op in content).
 *
 * <p>It refuses to lose what was never mirrored: with changes still waiting in the change log, or parked,
 * it writes nothing and says how many per table ({@code mirror --once} first), unless told
 * {@link #discardPending(boolean)}. It keeps versions comparable: before its transaction it makes the
 * change log's next id larger than every version in the copy (documents and tombstones), and in it the
 * database adopts the copy's generation (its marker), so that the mirror goes on without a rebase
 * ({@link CopyGeneration}). {@link #plan()} says what a restore would do, writing nothing.
 */
public final class Restore {
    private static final Logger log = LoggerFactory.getLogger(Restore.class);
    private static final int BATCH = 500;

    private final Database database;
    private final MongoDatabase mongo;
    private boolean force;
    private boolean exact;
    private boolean discardPending;
    private ProgressListener progress = ProgressListener.NONE;
    private volatile boolean cancelled;

    public Restore(Database database, MongoDatabase mongo) {
        this.database = Objects.requireNonNull(database);
        this.mongo = Objects.requireNonNull(mongo);
    }

    /** Overwrite (upsert) into non-empty tables. */
    public Restore force(boolean force) {
        this.force = force;
        return this;
    }

    /** Also delete rows absent from the copy (implies force). */
    public Restore exact(boolean exact) {
        this.exact = exact;
        return this;
    }

    /**
     * Restore even though changes made in Supabase still wait in the change log (or are parked): where the copy
     * has the row, the restored row wins and those changes are overwritten; with {@link #exact}, rows the copy
     * lacks are deleted even if they were never mirrored.
     */
    public Restore discardPending(boolean discard) {
        this.discardPending = discard;
        return this;
    }

    public Restore onProgress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** Rolls the whole restore back at the next batch. */
    public void cancel() {
        cancelled = true;
    }

    public RestoreReport run() throws SQLException, RestoreRefusedException {
        Instant started = Instant.now();
        boolean overwrite = force || exact;
        if (!overwrite) {
            try (Connection c = database.dataSource().getConnection()) {
                refuseIfNotEmpty(c); // checked again in the transaction; first, so that it is what a person hears first
            }
        }
        if (!discardPending) {
            refuseIfPending();
        }
        CopyGeneration.Marker marker = CopyGeneration.read(mongo);
        raiseChangeLogPosition();
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("select set_config('shoptwin.restoring', 'on', true)");
                }
                RowImages.pin(c); // the copy's text forms are read as they were written (UTC, ISO 8601)
                if (!overwrite) {
                    refuseIfNotEmpty(c);
                }
                adoptCopyGeneration(c, marker);
                DocumentMapper mapper = DocumentMapper.load(c);
                long[] deleted = new long[MirrorTable.values().length];
                if (exact) {
                    deleteAbsentRows(c, deleted);
                } else if (overwrite) {
                    replaceShopRow(c, deleted);
                }
                List<RestoreReport.TableResult> results = new ArrayList<>();
                for (MirrorTable table : MirrorTable.IN_DEPENDENCY_ORDER) {
                    results.add(restoreTable(c, mapper, table, overwrite, deleted[table.ordinal()]));
                }
                c.commit();
                RestoreReport report = new RestoreReport(results, overwrite, exact, Duration.between(started, Instant.now()));
                log.info("[DB Sync] Restore from MongoDB committed: {}", report.describe().replace('\n', ' ').trim());
                return report;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** What a restore with these options would do, per table; nothing is written. */
    public RestorePlan plan() throws SQLException {
        List<String> refusals = new ArrayList<>();
        Map<MirrorTable, long[]> pending = new ChangeLog(database.dataSource()).pendingByTable();
        if (!pending.isEmpty() && !discardPending) {
            refusals.add(pendingMessage(pending));
        }
        boolean overwrite = force || exact;
        VerifyReport compared = new Verify(database, mongo).onProgress(progress).run();
        if (!overwrite) {
            List<String> nonEmpty = new ArrayList<>();
            for (VerifyReport.TableReport t : compared.tables()) {
                if (t.rows() > 0) {
                    nonEmpty.add(t.table().qualifiedTableName() + " has " + t.rows() + " row(s)");
                }
            }
            if (!nonEmpty.isEmpty()) {
                refusals.add(notEmptyMessage(nonEmpty));
            }
        }
        List<RestorePlan.Table> tables = new ArrayList<>();
        for (VerifyReport.TableReport t : compared.tables()) {
            long deletes = exact ? t.missing() : t.table() == MirrorTable.SHOP && overwrite && t.extra() > 0 ? t.missing() : 0;
            tables.add(new RestorePlan.Table(t.table(), t.extra(), t.different(), deletes,
                    t.documents() - t.extra() - t.different(), pending.getOrDefault(t.table(), new long[2])[0],
                    pending.getOrDefault(t.table(), new long[2])[1]));
        }
        return new RestorePlan(tables, force, exact, refusals);
    }

    /** Changes that were never mirrored would be overwritten (or deleted): refuse, per table, and say what to do. */
    private void refuseIfPending() throws SQLException, RestoreRefusedException {
        Map<MirrorTable, long[]> pending = new ChangeLog(database.dataSource()).pendingByTable();
        if (!pending.isEmpty()) {
            throw new RestoreRefusedException(pendingMessage(pending));
        }
    }

    static String pendingMessage(Map<MirrorTable, long[]> pending) {
        List<String> parts = new ArrayList<>();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            long[] n = pending.get(t);
            if (n != null) {
                parts.add(t.tableName() + ": " + n[0] + " waiting" + (n[1] > 0 ? ", " + n[1] + " parked" : ""));
            }
        }
        return "Restore refuses: Supabase has changes the MongoDB copy does not have yet (" + String.join("; ", parts)
                + "), and restoring now would overwrite them. Run `shoptwin mirror --once` first (and `shoptwin parked` to see "
                + "what is parked), or restore anyway with --discard-pending. Nothing was written.";
    }

    private static String notEmptyMessage(List<String> nonEmpty) {
        return "Restore refuses to overwrite a non-empty database (" + String.join(", ", nonEmpty)
                + "). Use --force to upsert the copy's rows, and --exact to also delete rows the copy does not have.";
    }

    /**
     * Before the restore's transaction, in a short one of its own (it waits for writers of the change log): the
     * change log's next id becomes larger than every version in the copy, so that the restored rows' own captured
     * changes, and every change after them, are newer than anything the copy holds.
     */
    private void raiseChangeLogPosition() throws SQLException {
        long highest = 0;
        for (MirrorTable t : MirrorTable.values()) {
            highest = Math.max(highest, highestVersion(CopyFormat.collection(mongo, t)));
        }
        highest = Math.max(highest, highestVersion(CopyFormat.tombstones(mongo)));
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select shoptwin.raise_change_log_position(?)")) {
            ps.setLong(1, highest);
            ps.execute();
        }
    }

    private static long highestVersion(MongoCollection<Document> collection) {
        long highest = 0;
        for (Document d : collection.find().projection(Projections.include(CopyFormat.VERSION)).batchSize(1_000)) {
            highest = Math.max(highest, CopyFormat.versionOf(d));
        }
        return highest;
    }

    /** In the restore's transaction: this database becomes the one the copy's marker names (nothing when it has none). */
    private static void adoptCopyGeneration(Connection c, CopyGeneration.Marker marker) throws SQLException {
        if (marker == null || marker.generation() == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("select shoptwin.adopt_copy_generation(?::uuid, ?, ?::uuid)")) {
            ps.setString(1, marker.generation());
            ps.setLong(2, marker.intentN());
            ps.setString(3, marker.intentToken());
            ps.execute();
        }
    }

    private void refuseIfNotEmpty(Connection c) throws SQLException, RestoreRefusedException {
        List<String> nonEmpty = new ArrayList<>();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + t.qualifiedTableName())) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    nonEmpty.add(t.qualifiedTableName() + " has " + rs.getLong(1) + " row(s)");
                }
            }
        }
        if (!nonEmpty.isEmpty()) {
            throw new RestoreRefusedException(notEmptyMessage(nonEmpty));
        }
    }

    /** The shop has one row: a forced restore replaces it when the copy's shop has another id. */
    private void replaceShopRow(Connection c, long[] deleted) throws SQLException {
        List<String> ids = ids(CopyFormat.collection(mongo, MirrorTable.SHOP));
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from public.shop where not (id::text = any(?))")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            deleted[MirrorTable.SHOP.ordinal()] += ps.executeUpdate();
        }
    }

    private void deleteAbsentRows(Connection c, long[] deleted) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create temporary table restore_ids (table_name text not null, id text not null, primary key (table_name, id)) on commit drop");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into restore_ids values (?, ?) on conflict do nothing")) {
            for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
                int n = 0;
                for (String id : ids(CopyFormat.collection(mongo, t))) {
                    ps.setString(1, t.tableName());
                    ps.setString(2, id);
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        List<MirrorTable> reverse = new ArrayList<>(MirrorTable.IN_DEPENDENCY_ORDER);
        java.util.Collections.reverse(reverse);
        for (MirrorTable t : reverse) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + t.qualifiedTableName() + " x where not exists "
                    + "(select 1 from restore_ids r where r.table_name = ? and r.id = x.id::text)")) {
                ps.setString(1, t.tableName());
                deleted[t.ordinal()] += ps.executeUpdate();
            }
        }
    }

    private static List<String> ids(MongoCollection<Document> collection) {
        List<String> ids = new ArrayList<>();
        for (Document d : collection.find().projection(Projections.include(CopyFormat.ID)).batchSize(1_000)) {
            ids.add(String.valueOf(d.get(CopyFormat.ID)));
        }
        return ids;
    }

    private RestoreReport.TableResult restoreTable(Connection c, DocumentMapper mapper, MirrorTable table, boolean overwrite,
                                                  long deleted) throws SQLException {
        MongoCollection<Document> collection = CopyFormat.collection(mongo, table);
        long total = collection.countDocuments();
        progress.progress(table, 0, total);
        Written written = write(c, mapper, table, overwrite, collection.find().batchSize(1_000), n -> {
            if (cancelled) {
                throw new CancellationException("restore cancelled: nothing was written");
            }
            if (n % BATCH == 0) {
                progress.progress(table, n, total);
            }
        });
        if (!written.unknownFields().isEmpty()) {
            log.warn("[DB Sync] Restore: {} document field(s) have no column in {} and were not restored: {}",
                    written.unknownFields().size(), table.qualifiedTableName(), written.unknownFields());
        }
        progress.progress(table, written.documents(), total);
        // every statement inserted or updated its row, or the batch threw
        return new RestoreReport.TableResult(table, written.documents(), written.documents(), deleted, written.unknownFields());
    }

    /** How many documents were written, and the fields that have no column (by name, how many documents had each). */
    record Written(long documents, Map<String, Long> unknownFields) {
    }

    /**
     * Writes {@code documents} into {@code table} ({@code overwrite}: insert or update by id), in batches, in the
     * caller's transaction; {@code afterEach} sees how many so far. Also the recovery's writer.
     */
    static Written write(Connection c, DocumentMapper mapper, MirrorTable table, boolean overwrite, Iterable<Document> documents,
                         java.util.function.LongConsumer afterEach) throws SQLException {
        long documentsWritten = 0;
        try (TableRestore rows = new TableRestore(c, table, mapper.columns(table), overwrite)) {
            for (Document doc : documents) {
                rows.add(doc);
                afterEach.accept(++documentsWritten);
                if (rows.pending() == BATCH) {
                    rows.flush();
                }
            }
            rows.flush();
            TableLoad.advanceSequences(c, table); // identity and serial sequences past the restored rows
            return new Written(documentsWritten, rows.unknownFields());
        }
    }
}
