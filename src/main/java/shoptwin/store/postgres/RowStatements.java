package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.Document;
import shoptwin.store.copy.ColumnType;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;

/**
 * One mirrored table's rows written from the copy's documents ({@link DocumentMapper} gives each column's type
 * and its SQL text): insert a row as it was, set some fields, delete, and read a row as the copy would hold it.
 * Every value is a parameter cast to its column's type; identifiers are quoted; generated columns are left to
 * PostgreSQL. Used by undo / undelete ({@link PostgresRowWrites}) and {@code restore --as-of}, inside the caller's
 * transaction.
 */
public final class RowStatements {
    private static final int BATCH = 500;

    private final MirrorTable table;
    private final List<DocumentMapper.Column> columns;

    public RowStatements(DocumentMapper mapper, MirrorTable table) {
        this.table = table;
        this.columns = mapper.columns(table).stream().filter(c -> !c.generated()).toList();
    }

    public MirrorTable table() {
        return table;
    }

    /** The row as the copy would hold it now (without {@code _v}), or empty. */
    public static Optional<Document> current(Connection c, DocumentMapper mapper, MirrorTable table, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_jsonb(t)::text from " + table.qualifiedTableName() + " t where id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.toDocument(table, rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Inserts rows with every column the documents carry (ids, versions, timestamps included), in batches. */
    public long insert(Connection c, Iterable<Document> rows) throws SQLException {
        String sql = "insert into " + table.qualifiedTableName() + " (" + columns.stream().map(col -> quote(col.name()))
                .collect(Collectors.joining(", ")) + ") values (" + columns.stream().map(RowStatements::parameter)
                .collect(Collectors.joining(", ")) + ")";
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            for (Document doc : rows) {
                bind(ps, 1, columns, doc);
                ps.addBatch();
                n++;
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return n;
    }

    /**
     * Sets the document's fields (only those it carries; never the key or a generated column) on row {@code id}
     * if its version is {@code expectedVersion} (null: whatever it is). Returns the rows changed (0 or 1).
     */
    public int update(Connection c, String id, Document fields, Long expectedVersion) throws SQLException {
        List<DocumentMapper.Column> set = new ArrayList<>();
        for (DocumentMapper.Column col : columns) {
            if (!col.name().equals("id") && fields.containsKey(col.name())) {
                set.add(col);
            }
        }
        if (set.isEmpty()) {
            return 0;
        }
        String sql = "update " + table.qualifiedTableName() + " set " + set.stream().map(col -> quote(col.name()) + " = " + parameter(col))
                .collect(Collectors.joining(", ")) + " where id = ?::uuid" + (expectedVersion == null ? "" : " and version = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bind(ps, 1, set, fields);
            ps.setString(i++, id);
            if (expectedVersion != null) {
                ps.setLong(i, expectedVersion);
            }
            return ps.executeUpdate();
        }
    }

    /** Deletes row {@code id} if its version is {@code expectedVersion} (null: whatever it is). Returns 0 or 1. */
    public int delete(Connection c, String id, Long expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table.qualifiedTableName() + " where id = ?::uuid"
                + (expectedVersion == null ? "" : " and version = ?"))) {
            ps.setString(1, id);
            if (expectedVersion != null) {
                ps.setLong(2, expectedVersion);
            }
            return ps.executeUpdate();
        }
    }

    private int bind(PreparedStatement ps, int first, List<DocumentMapper.Column> cols, Document doc) throws SQLException {
        int i = first;
        for (DocumentMapper.Column col : cols) {
            try {
                ps.setString(i++, DocumentMapper.sqlText(doc, col));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(table.collectionName() + " " + doc.get(CopyFormat.ID) + ": " + e.getMessage(), e);
            }
        }
        return i;
    }

    /** A value's placeholder: a parameter cast to the column's type; a composite from its JSON text (as the copy holds it). */
    public static String parameter(DocumentMapper.Column col) {
        if (col.type() == ColumnType.COMPOSITE && !col.isArray()) {
            return "pg_catalog.jsonb_populate_record(null::" + col.sqlType() + ", ?::jsonb)";
        }
        return "?::" + col.sqlType();
    }

    /** An identifier quoted for SQL, whatever its case or characters ({@code "loyaltyPoints"}). */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
