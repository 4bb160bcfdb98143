package shoptwin.mirror;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import org.bson.Document;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.copy.RowImages;
import shoptwin.store.postgres.Database;

/**
 * Compares every table with its collection in full: both sides are streamed in id order
 * (PostgreSQL {@code order by id::text collate "C"}, the byte order MongoDB sorts string ids in)
 * and merged, comparing canonical documents (bookkeeping fields dropped).
 *
 * <p>The expected document is an independent reading ({@link ExpectedCopy}): each column as PostgreSQL
 * itself renders it, typed from the catalog, decoded by code that shares nothing with the mirror's mapper;
 * so a mapping mistake (an array mirrored as a JSON string, an amount as a double) shows as a difference.
 */
public final class Verify {
    private final Database database;
    private final MongoDatabase mongo;
    private ProgressListener progress = ProgressListener.NONE;
    private volatile boolean cancelled;

    public Verify(Database database, MongoDatabase mongo) {
        this.database = Objects.requireNonNull(database);
        this.mongo = Objects.requireNonNull(mongo);
    }

    public Verify onProgress(ProgressListener listener) {
        this.progress = listener == null ? ProgressListener.NONE : listener;
        return this;
    }

    /** Stops at the next row; the report is marked cancelled. */
    public void cancel() {
        cancelled = true;
    }

    public VerifyReport run() throws SQLException {
        List<VerifyReport.TableReport> reports = new ArrayList<>();
        long pending;
        try (Connection c = database.dataSource().getConnection()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from shoptwin.change_log")) {
                rs.next();
                pending = rs.getLong(1);
            }
            c.setAutoCommit(false);
            try {
                RowImages.pin(c);
                // the columns are read with the tables locked, so they are the ones PostgreSQL renders until the end
                try (Statement s = c.createStatement()) {
                    s.execute("lock table " + String.join(", ", MirrorTable.IN_DEPENDENCY_ORDER.stream()
                            .map(MirrorTable::qualifiedTableName).toList()) + " in access share mode");
                }
                ExpectedCopy mapper = ExpectedCopy.read(c);
                for (MirrorTable table : MirrorTable.IN_DEPENDENCY_ORDER) {
                    if (cancelled) {
                        break;
                    }
                    reports.add(verifyTable(c, mapper, table));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return new VerifyReport(reports, pending, Instant.now(), cancelled);
    }

    private VerifyReport.TableReport verifyTable(Connection c, ExpectedCopy mapper, MirrorTable table) throws SQLException {
        long total;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table.qualifiedTableName())) {
            rs.next();
            total = rs.getLong(1);
        }
        long rows = 0;
        long documents = 0;
        long missing = 0;
        long extra = 0;
        long different = 0;
        List<String> missingSamples = new ArrayList<>();
        List<String> extraSamples = new ArrayList<>();
        List<String> differentSamples = new ArrayList<>();
        Map<String, List<String>> differentFields = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(mapper.select(table))) {
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery();
                 MongoCursor<Document> docs = CopyFormat.collection(mongo, table).find()
                         .sort(Sorts.ascending(CopyFormat.ID)).batchSize(1_000).iterator()) {
                String rowId = nextRow(rs);
                Document doc = docs.hasNext() ? docs.next() : null;
                while ((rowId != null || doc != null) && !cancelled) {
                    String docId = doc == null ? null : String.valueOf(doc.get(CopyFormat.ID));
                    int cmp = rowId == null ? 1 : docId == null ? -1 : rowId.compareTo(docId);
                    if (cmp < 0) {
                        missing++;
                        sample(missingSamples, rowId);
                        rows++;
                        rowId = nextRow(rs);
                    } else if (cmp > 0) {
                        extra++;
                        sample(extraSamples, docId);
                        documents++;
                        doc = docs.hasNext() ? docs.next() : null;
                    } else {
                        Document expected = mapper.document(table, rs);
                        Document actual = CopyFormat.canonical(doc);
                        if (!expected.equals(actual)) {
                            different++;
                            if (differentSamples.size() < VerifyReport.MAX_SAMPLES) {
                                differentSamples.add(rowId);
                                differentFields.put(rowId, differingFields(expected, actual));
                            }
                        }
                        rows++;
                        documents++;
                        rowId = nextRow(rs);
                        doc = docs.hasNext() ? docs.next() : null;
                    }
                    if ((rows + documents) % 1_000 == 0) {
                        progress.progress(table, rows, total);
                    }
                }
            }
        }
        progress.progress(table, rows, total);
        return new VerifyReport.TableReport(table, rows, documents, missing, extra, different, missingSamples, extraSamples,
                differentSamples, differentFields);
    }

    /** Field names whose values differ, or that only one side has (type differences count: 10.5 is not 10.50). */
    static List<String> differingFields(Document expected, Document actual) {
        Set<String> names = new LinkedHashSet<>(expected.keySet());
        names.addAll(actual.keySet());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (expected.containsKey(name) != actual.containsKey(name) || !Objects.equals(expected.get(name), actual.get(name))) {
                out.add(name);
            }
        }
        return out;
    }

    private static String nextRow(ResultSet rs) throws SQLException {
        return rs.next() ? rs.getString(1) : null;
    }

    private static void sample(List<String> samples, String id) {
        if (samples.size() < VerifyReport.MAX_SAMPLES) {
            samples.add(id);
        }
    }
}
