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
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.copy.RowImages;
import shoptwin.store.postgres.Database;

/**
 * Copies the MongoDB copy back into PostgreSQL (disaster recovery), in one transaction, with
 * {@code shoptwin.restoring} on so that timestamps and versions are kept as they were. Refuses
 * non-empty tables unless {@link #force(boolean) forced}; forced, it upserts; {@link #exact(boolean)
 * exact} also deletes rows the copy does not have. The restored rows are captured by the change
 * log like any write, and mirrored back (a no-op in content).
 */
public final class Restore {
    private static final Logger log = LoggerFactory.getLogger(Restore.class);
    private static final int BATCH = 500;

    private final Database database;
    private final MongoDatabase mongo;
    private boolean force;
    private boolean exact;
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
            throw new RestoreRefusedException("Restore refuses to overwrite a non-empty database (" + String.join(", ", nonEmpty)
                    + "). Use --force to upsert the copy's rows, and --exact to also delete rows the copy does not have.");
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
        long documents = 0;
        progress.progress(table, 0, total);
        Map<String, Long> unknownFields;
        try (TableRestore rows = new TableRestore(c, table, mapper.columns(table), overwrite)) {
            for (Document doc : collection.find().batchSize(1_000)) {
                if (cancelled) {
                    throw new CancellationException("restore cancelled: nothing was written");
                }
                rows.add(doc);
                documents++;
                if (rows.pending() == BATCH) {
                    rows.flush();
                    progress.progress(table, documents, total);
                }
            }
            rows.flush();
            rows.advanceSequences();
            unknownFields = rows.unknownFields();
        }
        if (!unknownFields.isEmpty()) {
            log.warn("[DB Sync] Restore: {} document field(s) have no column in {} and were not restored: {}", unknownFields.size(),
                    table.qualifiedTableName(), unknownFields);
        }
        progress.progress(table, documents, total);
        // every statement inserted or updated its row, or the batch threw
        return new RestoreReport.TableResult(table, documents, documents, deleted, unknownFields);
    }
}
