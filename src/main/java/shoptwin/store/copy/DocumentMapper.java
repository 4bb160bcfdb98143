package shoptwin.store.copy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Maps a PostgreSQL row image (the JSON of {@code to_jsonb(row)}, as the change log and the
 * snapshot queries produce it) to its MongoDB document, and a document's fields back to SQL values.
 *
 * <p>The document has the row's columns under the same snake_case names, in column order, except
 * that the primary key {@code id} becomes {@link CopyFormat#ID} (the UUID as a string). How each
 * type is copied, both ways, is {@link ColumnType}'s; this class resolves domains to their base type
 * and walks arrays (any dimension) element by element. The version field is not the mapper's: the
 * writers add it ({@link CopyFormat#versioned}).
 *
 * <p>The columns are read from the catalog ({@code pg_attribute}, {@code pg_type}) together with a
 * {@link #fingerprint()} of them, the same value {@link #FINGERPRINT_SQL} gives: the mirror reads that
 * with every batch and loads the mapper again when it moved, so that no change is mapped with a column
 * type that has changed since (docs/mirror.md, "Columns changed in Supabase").
 */
public final class DocumentMapper {
    /**
     * A column of a mirrored table.
     *
     * @param type      the base type of the column, or of its elements for an array
     * @param dims      0 for a scalar; for an array the dimensions declared (at least 1), which only
     *                  decide how deep an array of json is walked (its elements may be JSON arrays)
     * @param sqlType   what a restore casts its parameter to: the column's own type, schema-qualified
     *                  ({@code pg_catalog.int4}, {@code public."Mood"[]}, a domain's name)
     * @param declared  the type as declared, with its modifier ({@code numeric(12,2)}): what the copy's
     *                  documents depend on ({@link #signature})
     * @param delimiter the array literal's element delimiter (',' for every type but box)
     */
    public record Column(String name, ColumnType type, int dims, String sqlType, String declared, boolean generated,
                         boolean identity, char delimiter) {
        /** A scalar, not generated, not identity column (tests, and the restore of a simple column). */
        public Column(String name, ColumnType type, String sqlType, boolean generated) {
            this(name, type, 0, sqlType, sqlType, generated, false, ',');
        }

        public boolean isArray() {
            return dims > 0;
        }
    }

    /**
     * One number standing for the shop tables' columns (their names, types, modifiers, order, generated
     * and identity), cheap enough to read with every batch (it reads pg_attribute's rows of three tables
     * by index): it moves when a column is added, dropped, renamed or retyped, or a table is recreated.
     */
    public static final String FINGERPRINT_SQL = "(select ('x' || left(pg_catalog.md5(coalesce(pg_catalog.string_agg("
            + "c.oid::text || ' ' || a.attnum || ' ' || a.attname || ' ' || a.atttypid::text || ' ' || a.atttypmod || ' ' "
            + "|| a.attgenerated::text || a.attidentity::text || ' ' || a.attndims, ',' order by c.oid, a.attnum), '')), 16))"
            + "::bit(64)::bigint from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
            + "join pg_catalog.pg_attribute a on a.attrelid = c.oid "
            + "where n.nspname = 'public' and c.relname in (" + tableNames() + ") and a.attnum > 0 and not a.attisdropped)";

    private static final String COLUMNS_SQL = "select c.relname, a.attname, a.atttypid, a.attndims, a.attgenerated::text, "
            + "a.attidentity::text, pg_catalog.format_type(a.atttypid, a.atttypmod), " + FINGERPRINT_SQL + " "
            + "from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid "
            + "join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname = 'public' and c.relname in (" + tableNames() + ") and a.attnum > 0 and not a.attisdropped "
            + "order by c.relname, a.attnum";

    /** The columns' types, their arrays' element types and their domains' base types, to the bottom. */
    private static final String TYPES_SQL = "with recursive ty(oid) as (select pg_catalog.unnest(?::oid[]) union "
            + "select x.oid from ty join pg_catalog.pg_type t on t.oid = ty.oid cross join lateral (values "
            + "(case when t.typelem <> 0 and t.typlen = -1 then t.typelem end), (nullif(t.typbasetype, 0))) x(oid) "
            + "where x.oid is not null) "
            + "select t.oid, n.nspname, t.typname, t.typtype::text, case when t.typelem <> 0 and t.typlen = -1 then t.typelem else 0 end, "
            + "t.typbasetype, t.typdelim::text, "
            + "case when t.typelem <> 0 and t.typlen = -1 then (select pg_catalog.quote_ident(en.nspname) || '.' "
            + "|| pg_catalog.quote_ident(e.typname) from pg_catalog.pg_type e join pg_catalog.pg_namespace en "
            + "on en.oid = e.typnamespace where e.oid = t.typelem) || '[]' "
            + "else pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.typname) end "
            + "from ty join pg_catalog.pg_type t on t.oid = ty.oid join pg_catalog.pg_namespace n on n.oid = t.typnamespace";

    private final Map<MirrorTable, Map<String, Column>> columns;
    private final long fingerprint;
    private final LongAdder notOfTheirType = new LongAdder();

    private DocumentMapper(Map<MirrorTable, Map<String, Column>> columns, long fingerprint) {
        this.columns = columns;
        this.fingerprint = fingerprint;
    }

    private static String tableNames() {
        return Arrays.stream(MirrorTable.values()).map(t -> "'" + t.tableName() + "'").collect(Collectors.joining(", "));
    }

    private record TypeRow(String schema, String name, char typtype, long element, long base, char delimiter, String castName) {
    }

    /** Reads the mirrored tables' columns and their types from the catalog. */
    public static DocumentMapper load(Connection connection) throws SQLException {
        record Attribute(MirrorTable table, String name, long typeOid, int dims, boolean generated, boolean identity, String declared) {
        }
        List<Attribute> attributes = new ArrayList<>();
        long fingerprint = 0;
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS_SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                attributes.add(new Attribute(MirrorTable.ofTableName(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getInt(4),
                        !rs.getString(5).isEmpty(), !rs.getString(6).isEmpty(), rs.getString(7)));
                fingerprint = rs.getLong(8);
            }
        }
        Map<Long, TypeRow> types = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(TYPES_SQL)) {
            ps.setArray(1, connection.createArrayOf("oid", attributes.stream().map(a -> a.typeOid).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getLong(1), new TypeRow(rs.getString(2), rs.getString(3), rs.getString(4).charAt(0), rs.getLong(5),
                            rs.getLong(6), rs.getString(7).charAt(0), rs.getString(8)));
                }
            }
        }
        Map<MirrorTable, Map<String, Column>> columns = new EnumMap<>(MirrorTable.class);
        for (MirrorTable t : MirrorTable.values()) {
            columns.put(t, new LinkedHashMap<>());
        }
        for (Attribute a : attributes) {
            columns.get(a.table).put(a.name, column(a.name, a.typeOid, a.dims, a.declared, a.generated, a.identity, types));
        }
        for (MirrorTable t : MirrorTable.values()) {
            if (columns.get(t).isEmpty()) {
                throw new SQLException("table " + t.qualifiedTableName() + " not found: run `shoptwin migrate` first");
            }
            columns.put(t, Collections.unmodifiableMap(columns.get(t)));
        }
        return new DocumentMapper(columns, fingerprint);
    }

    /** Resolves domains to their base type and an array to its elements' type. */
    private static Column column(String name, long typeOid, int declaredDims, String declared, boolean generated, boolean identity,
                                 Map<Long, TypeRow> types) {
        TypeRow own = types.get(typeOid);
        TypeRow t = own;
        int dims = 0;
        for (int guard = 0; guard < 32; guard++) {
            if (t.typtype == 'd') {
                t = types.get(t.base);
            } else if (t.element != 0 && dims == 0) {
                dims = Math.max(1, declaredDims);
                t = types.get(t.element);
            } else {
                break;
            }
        }
        return new Column(name, ColumnType.of(t.schema, t.name, t.typtype), dims, own.castName, declared, generated, identity, t.delimiter);
    }

    /** The value {@link #FINGERPRINT_SQL} had when the columns were read. */
    public long fingerprint() {
        return fingerprint;
    }

    /** The table's columns in ordinal order. */
    public List<Column> columns(MirrorTable table) {
        return List.copyOf(columns.get(table).values());
    }

    /**
     * What the copy's documents of {@code table} depend on: each column's name and declared type, in
     * order ({@code "amount numeric(12,2)"}). Two mappers with the same signature make the same documents.
     */
    public List<String> signature(MirrorTable table) {
        return columns.get(table).values().stream().map(c -> c.name() + " " + c.declared()).toList();
    }

    /**
     * How many values so far were not of their column's type: changes captured before a column was retyped,
     * mapped as their JSON says (the table's update in the background replaces them).
     */
    public long valuesNotOfTheirColumnsType() {
        return notOfTheirType.sum();
    }

    /** Parses a row image from its JSON text. */
    public static JsonNode parse(String json) {
        try {
            return JsonValues.ROW_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("row image is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The document for a row image, without the version field. */
    public Document toDocument(MirrorTable table, String rowJson) {
        return toDocument(table, parse(rowJson));
    }

    /**
     * The document for a row image, without the version field. A value the copy cannot hold exactly throws
     * {@link ColumnType.DoesNotFit} (an IllegalArgumentException naming the column), and the change is parked.
     * A key for which the table has no column any more (a column dropped or renamed since the change was
     * captured) is left out: the document follows the table as it is.
     */
    public Document toDocument(MirrorTable table, JsonNode row) {
        if (!(row instanceof ObjectNode)) {
            throw new IllegalArgumentException("row image of " + table.tableName() + " is not a JSON object");
        }
        JsonNode id = row.get(CopyFormat.ID_COLUMN);
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("row image of " + table.tableName() + " has no id");
        }
        Document doc = new Document();
        doc.put(CopyFormat.ID, id.textValue());
        // column order, not jsonb's key order (jsonb sorts keys by length)
        for (Column column : columns.get(table).values()) {
            JsonNode value = row.get(column.name());
            if (value != null && !column.name().equals(CopyFormat.ID_COLUMN)) {
                doc.put(column.name(), toDocumentValue(column, value));
            }
        }
        return doc;
    }

    private Object toDocumentValue(Column column, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        try {
            return column.isArray() ? array(column, value, column.dims()) : column.type().toDocument(value, column.name());
        } catch (ColumnType.NotOfThisType | PgDateTime.NotATimestamp e) {
            // captured before the column was retyped (the mirror reloads the columns when they change, and
            // the table's documents are brought up to date in the background): keep what JSON says
            notOfTheirType.increment();
            return JsonValues.jsonToBson(value, column.name());
        }
    }

    /** An array (nested lists for more dimensions) of the element mapping; NULL elements are null. */
    private static Object array(Column column, JsonNode value, int depth) {
        if (!value.isArray()) {
            throw new ColumnType.NotOfThisType();
        }
        List<Object> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (element.isNull()) {
                out.add(null);
            } else if (element.isArray() && (column.type() != ColumnType.JSON || depth > 1)) {
                out.add(array(column, element, depth - 1)); // another dimension (a json element may itself be an array)
            } else {
                out.add(column.type().toDocument(element, column.name()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ back to PostgreSQL (restore)

    /** The document's value for a column ({@code id} is the document's {@link CopyFormat#ID}) as SQL text; see {@link #toSqlText}. */
    public static String sqlText(Document document, Column column) {
        Object value = column.name().equals(CopyFormat.ID_COLUMN) ? document.get(CopyFormat.ID) : document.get(column.name());
        return toSqlText(column, value);
    }

    /** Whether {@code document} has a field for {@code column} ({@code id}: always, as {@link CopyFormat#ID}). */
    public static boolean hasField(Document document, Column column) {
        return column.name().equals(CopyFormat.ID_COLUMN) ? document.containsKey(CopyFormat.ID) : document.containsKey(column.name());
    }

    /**
     * The SQL text of a document's field for a column, for a parameter cast to {@link Column#sqlType()};
     * null for null. An array becomes a PostgreSQL array literal of its elements' text forms, quoted and
     * escaped. Throws IllegalArgumentException naming the field when the value does not fit.
     */
    public static String toSqlText(Column column, Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (column.isArray()) {
                if (!(value instanceof List<?> list)) {
                    throw new IllegalArgumentException("not an array");
                }
                StringBuilder sb = new StringBuilder();
                arrayLiteral(column, list, column.dims(), sb);
                return sb.toString();
            }
            return column.type().toSql(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field " + column.name() + " cannot be written as " + column.sqlType(), e);
        }
    }

    private static void arrayLiteral(Column column, List<?> list, int depth, StringBuilder sb) {
        sb.append('{');
        boolean first = true;
        for (Object element : list) {
            if (!first) {
                sb.append(column.delimiter());
            }
            first = false;
            if (element == null) {
                sb.append("NULL");
            } else if (element instanceof List<?> inner && (column.type() != ColumnType.JSON || depth > 1)) {
                arrayLiteral(column, inner, depth - 1, sb);
            } else {
                String text = column.type().toSql(element);
                sb.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        sb.append('}');
    }
}
