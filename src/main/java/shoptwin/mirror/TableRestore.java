package shoptwin.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bson.Document;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.DocumentMapper.Column;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.postgres.RowStatements;

/**
 * The SQL a restore sends for one table, and the binding of each document's fields to it (the inverse of
 * the mapping, docs/mirror.md "Types"); {@link Restore} runs the transaction, the refusals and the progress.
 *
 * <ul>
 *   <li>every identifier quoted ({@code "loyaltyPoints"} works); every value a parameter cast to its
 *       column's type ({@code ?::pg_catalog.int4}, {@code ?::public."Mood"[]}; a composite through
 *       {@code jsonb_populate_record});</li>
 *   <li>generated columns are left to PostgreSQL; identity columns keep their values
 *       ({@code overriding system value}); {@link Restore} then moves their sequences past the restored values;</li>
 *   <li>a field a document lacks is left out of its INSERT, so the column's default applies (a document
 *       written before the column existed), and out of the upsert's SET, so a forced restore keeps the
 *       row's value; a field present with null writes NULL;</li>
 *   <li>a field the table has no column for (dropped or renamed in Supabase) is never written anywhere: it
 *       is counted in {@link #unknownFields()} for the report.</li>
 * </ul>
 * Documents of different shapes (fields present) get a statement each, batched.
 */
final class TableRestore implements AutoCloseable {
    private final Connection connection;
    private final MirrorTable table;
    private final List<Column> columns;
    private final Set<String> known = new HashSet<>();
    private final boolean overwrite;
    /** Per shape (which of {@link #columns} the document has): its statement, in first-seen order. */
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();
    private final Map<String, Long> unknownFields = new TreeMap<>();
    private int pending;

    TableRestore(Connection connection, MirrorTable table, List<Column> allColumns, boolean overwrite) {
        this.connection = connection;
        this.table = table;
        this.columns = allColumns.stream().filter(c -> !c.generated()).toList();
        this.overwrite = overwrite;
        allColumns.forEach(c -> known.add(c.name()));
        known.add(CopyFormat.ID);
        known.add(CopyFormat.VERSION);
    }

    /** Binds one document (its statement runs at the next {@link #flush}). Throws IllegalArgumentException naming the field. */
    void add(Document doc) throws SQLException {
        for (String field : doc.keySet()) {
            if (!known.contains(field)) {
                unknownFields.merge(field, 1L, Long::sum);
            }
        }
        StringBuilder shape = new StringBuilder(columns.size());
        List<Column> present = new ArrayList<>(columns.size());
        for (Column c : columns) {
            boolean has = DocumentMapper.hasField(doc, c);
            shape.append(has ? '1' : '0');
            if (has) {
                present.add(c);
            }
        }
        PreparedStatement ps = statements.get(shape.toString());
        if (ps == null) {
            ps = connection.prepareStatement(insert(present));
            statements.put(shape.toString(), ps);
        }
        for (int i = 0; i < present.size(); i++) {
            Column col = present.get(i);
            try {
                ps.setString(i + 1, DocumentMapper.sqlText(doc, col));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(table.collectionName() + " document " + doc.get(CopyFormat.ID) + ": " + e.getMessage(), e);
            }
        }
        ps.addBatch();
        pending++;
    }

    /** Documents bound since the last flush. */
    int pending() {
        return pending;
    }

    /** Sends what was bound. */
    void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        for (PreparedStatement ps : statements.values()) {
            ps.executeBatch();
        }
        pending = 0;
    }

    /** Document fields the table has no column for, with how many documents had each (never written). */
    Map<String, Long> unknownFields() {
        return Map.copyOf(unknownFields);
    }

    private String insert(List<Column> present) {
        String names = present.stream().map(c -> RowStatements.quote(c.name())).collect(Collectors.joining(", "));
        String values = present.stream().map(RowStatements::parameter).collect(Collectors.joining(", "));
        boolean identity = present.stream().anyMatch(Column::identity);
        String sql = "insert into " + table.qualifiedTableName() + " (" + names + ")" + (identity ? " overriding system value" : "")
                + " values (" + values + ")";
        if (!overwrite) {
            return sql;
        }
        String updates = present.stream().filter(c -> !c.name().equals("id"))
                .map(c -> RowStatements.quote(c.name()) + " = excluded." + RowStatements.quote(c.name())).collect(Collectors.joining(", "));
        return sql + " on conflict (id) do " + (updates.isEmpty() ? "nothing" : "update set " + updates);
    }

    @Override
    public void close() throws SQLException {
        SQLException failed = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
