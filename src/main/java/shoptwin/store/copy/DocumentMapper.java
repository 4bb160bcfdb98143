package shoptwin.store.copy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Maps a PostgreSQL row image (the JSON of {@code to_jsonb(row)}, as the change log and the
 * snapshot queries produce it) to its MongoDB document, and a document's fields back to SQL values.
 *
 * <p>The document has the row's columns under the same snake_case names, in column order, except
 * that the primary key {@code id} becomes {@link CopyFormat#ID} (the UUID as a string). How each
 * type is copied, both ways, is {@link ColumnType}'s. The version field is not the mapper's: the
 * writers add it ({@link CopyFormat#versioned}).
 *
 * <p>Column types are read once from information_schema, so that columns added by later
 * migrations are mapped without code changes.
 */
public final class DocumentMapper {
    /** A column of a mirrored table. {@code sqlType} is what a restore casts its parameter to. */
    public record Column(String name, ColumnType type, String sqlType, boolean generated) {
    }

    private final Map<MirrorTable, Map<String, Column>> columns;
    private volatile boolean sawUnknownColumn;

    private DocumentMapper(Map<MirrorTable, Map<String, Column>> columns) {
        this.columns = columns;
    }

    /** Reads the mirrored tables' columns from information_schema. */
    public static DocumentMapper load(Connection connection) throws SQLException {
        Map<MirrorTable, Map<String, Column>> columns = new EnumMap<>(MirrorTable.class);
        for (MirrorTable t : MirrorTable.values()) {
            columns.put(t, new LinkedHashMap<>());
        }
        String sql = "select table_name, column_name, data_type, udt_name, is_generated "
                + "from information_schema.columns where table_schema = 'public' and table_name = any(?) "
                + "order by table_name, ordinal_position";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("text",
                    Arrays.stream(MirrorTable.values()).map(MirrorTable::tableName).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MirrorTable table = MirrorTable.ofTableName(rs.getString(1));
                    String name = rs.getString(2);
                    String udt = rs.getString(4);
                    columns.get(table).put(name, new Column(name, ColumnType.ofUdtName(udt), udt, "ALWAYS".equals(rs.getString(5))));
                }
            }
        }
        for (MirrorTable t : MirrorTable.values()) {
            if (columns.get(t).isEmpty()) {
                throw new SQLException("table " + t.qualifiedTableName() + " not found: run `shoptwin migrate` first");
            }
            columns.put(t, Collections.unmodifiableMap(columns.get(t)));
        }
        return new DocumentMapper(columns);
    }

    /** True once a row image had a column this mapper did not load (a migration ran since): reload it. */
    public boolean sawUnknownColumn() {
        return sawUnknownColumn;
    }

    /** The table's columns in ordinal order. */
    public List<Column> columns(MirrorTable table) {
        return List.copyOf(columns.get(table).values());
    }

    /** Parses a row image from its JSON text. */
    public static JsonNode parse(String json) {
        try {
            return ColumnType.ROW_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("row image is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The document for a row image, without the version field. */
    public Document toDocument(MirrorTable table, String rowJson) {
        return toDocument(table, parse(rowJson));
    }

    /** The document for a row image, without the version field. */
    public Document toDocument(MirrorTable table, JsonNode row) {
        if (!(row instanceof ObjectNode)) {
            throw new IllegalArgumentException("row image of " + table.tableName() + " is not a JSON object");
        }
        Map<String, Column> cols = columns.get(table);
        Document doc = new Document();
        JsonNode id = row.get(CopyFormat.ID_COLUMN);
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("row image of " + table.tableName() + " has no id");
        }
        doc.put(CopyFormat.ID, id.asText());
        // column order, not jsonb's key order (jsonb sorts keys by length)
        for (Column column : cols.values()) {
            JsonNode value = row.get(column.name());
            if (value != null && !column.name().equals(CopyFormat.ID_COLUMN)) {
                doc.put(column.name(), toDocumentValue(column.type(), value));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals(CopyFormat.ID_COLUMN) && !cols.containsKey(field.getKey())) {
                sawUnknownColumn = true;
                // a column added after the mapper loaded: keep what JSON says
                doc.put(field.getKey(), toDocumentValue(ColumnType.JSON, field.getValue()));
            }
        }
        return doc;
    }

    private static Object toDocumentValue(ColumnType type, JsonNode value) {
        return value == null || value.isNull() ? null : type.toDocument(value);
    }

    // ------------------------------------------------------------------ back to PostgreSQL (restore)

    /** The document's value for a column ({@code id} is the document's {@link CopyFormat#ID}) as SQL text; see {@link #toSqlText}. */
    public static String sqlText(Document document, Column column) {
        Object value = column.name().equals(CopyFormat.ID_COLUMN) ? document.get(CopyFormat.ID) : document.get(column.name());
        return toSqlText(column, value);
    }

    /**
     * The SQL text of a document's field for a column, for a parameter cast to {@link Column#sqlType()};
     * null for null. Throws IllegalArgumentException naming the field when the value does not fit.
     */
    public static String toSqlText(Column column, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return column.type().toSql(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field " + column.name() + " cannot be written as " + column.sqlType(), e);
        }
    }
}
