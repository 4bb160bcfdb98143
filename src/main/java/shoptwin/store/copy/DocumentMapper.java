package shoptwin.store.copy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Maps a PostgreSQL row image (the JSON of {@code to_jsonb(row)}, as the change log and the
 * snapshot queries produce it) to its MongoDB document and back.
 *
 * <p>The document has the row's columns under the same snake_case names, in column order, except
 * that the primary key {@code id} becomes {@code _id} (the UUID as a string). uuid → string,
 * numeric → Decimal128 with its scale (10.50 stays 10.50), timestamptz → Date (milliseconds),
 * bigint → Int64, integer → Int32, boolean → boolean, jsonb → embedded documents and arrays,
 * text → string, NULL → null. The mirror adds one bookkeeping field, {@link #VERSION_FIELD}.
 *
 * <p>Column types are read once from information_schema, so that columns added by later
 * migrations are mapped without code changes.
 */
public final class DocumentMapper {
    /** The change-log id of the change the document reflects: the stale-write guard. */
    public static final String VERSION_FIELD = "_v";
    public static final String ID_FIELD = "_id";

    /** Column types the mapper knows; anything else is copied as text. */
    public enum ColumnType { UUID, TEXT, NUMERIC, TIMESTAMPTZ, TIMESTAMP, DATE, BIGINT, INTEGER, BOOLEAN, DOUBLE, JSON, OTHER }

    /** A column of a mirrored table. {@code sqlType} is what a restore casts its parameter to. */
    public record Column(String name, ColumnType type, String sqlType, boolean generated) {
    }

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

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
            ps.setArray(1, connection.createArrayOf("text", new String[] {"customers", "payments", "shop"}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MirrorTable table = MirrorTable.ofTableName(rs.getString(1));
                    String name = rs.getString(2);
                    String udt = rs.getString(4);
                    columns.get(table).put(name, new Column(name, typeOf(udt), udt, "ALWAYS".equals(rs.getString(5))));
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

    private static ColumnType typeOf(String udt) {
        return switch (udt) {
            case "uuid" -> ColumnType.UUID;
            case "text", "varchar", "bpchar", "citext", "name" -> ColumnType.TEXT;
            case "numeric" -> ColumnType.NUMERIC;
            case "timestamptz" -> ColumnType.TIMESTAMPTZ;
            case "timestamp" -> ColumnType.TIMESTAMP;
            case "date" -> ColumnType.DATE;
            case "int8" -> ColumnType.BIGINT;
            case "int4", "int2" -> ColumnType.INTEGER;
            case "bool" -> ColumnType.BOOLEAN;
            case "float4", "float8" -> ColumnType.DOUBLE;
            case "jsonb", "json" -> ColumnType.JSON;
            default -> ColumnType.OTHER;
        };
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
            return JSON.readTree(json);
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
        JsonNode id = row.get("id");
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("row image of " + table.tableName() + " has no id");
        }
        doc.put(ID_FIELD, id.asText());
        // column order, not jsonb's key order (jsonb sorts keys by length)
        for (Column column : cols.values()) {
            JsonNode value = row.get(column.name());
            if (value != null && !column.name().equals("id")) {
                doc.put(column.name(), toBson(column.type(), value));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("id") && !cols.containsKey(field.getKey())) {
                sawUnknownColumn = true;
                doc.put(field.getKey(), toBson(null, field.getValue()));
            }
        }
        return doc;
    }

    /** The document with its version: what the mirror writes. */
    public Document toVersionedDocument(MirrorTable table, JsonNode row, long version) {
        Document doc = toDocument(table, row);
        doc.put(VERSION_FIELD, version);
        return doc;
    }

    private static Object toBson(ColumnType type, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (type == null) {
            return jsonToBson(value); // a column added after the mapper loaded: keep what JSON says
        }
        return switch (type) {
            case NUMERIC -> new Decimal128(value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText()));
            case TIMESTAMPTZ -> Date.from(OffsetDateTime.parse(value.asText()).toInstant());
            case BIGINT -> value.asLong();
            case INTEGER -> value.asInt();
            case BOOLEAN -> value.asBoolean();
            case DOUBLE -> value.asDouble();
            case JSON -> jsonToBson(value);
            default -> value.isTextual() ? value.asText() : value.toString();
        };
    }

    private static Object jsonToBson(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            Document doc = new Document();
            value.fields().forEachRemaining(e -> doc.put(e.getKey(), jsonToBson(e.getValue())));
            return doc;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>(value.size());
            value.forEach(v -> list.add(jsonToBson(v)));
            return list;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            BigInteger big = value.bigIntegerValue();
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return new Decimal128(new BigDecimal(big));
        }
        if (value.isNumber()) {
            return new Decimal128(value.decimalValue());
        }
        return value.asText();
    }

    /** The document without bookkeeping fields: what verify compares. */
    public static Document canonical(Document document) {
        Document copy = new Document(document);
        copy.remove(VERSION_FIELD);
        return copy;
    }

    // ------------------------------------------------------------------ back to PostgreSQL (restore)

    /**
     * The SQL text of a document's field for a column, for a parameter cast to {@link Column#sqlType()};
     * null for null. Throws IllegalArgumentException naming the field when the value does not fit.
     */
    public static String toSqlText(Column column, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (column.type()) {
                case NUMERIC -> value instanceof Decimal128 d ? d.bigDecimalValue().toPlainString()
                        : new BigDecimal(value.toString()).toPlainString();
                case TIMESTAMPTZ, TIMESTAMP -> value instanceof Date d ? d.toInstant().toString() : value.toString();
                case JSON -> JSON.writeValueAsString(bsonToJson(value));
                default -> value instanceof Date d ? d.toInstant().toString() : value.toString();
            };
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("field " + column.name() + " cannot be written as " + column.sqlType(), e);
        }
    }

    private static JsonNode bsonToJson(Object value) {
        JsonNodeFactory f = JSON.getNodeFactory();
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), bsonToJson(v)));
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode node = f.arrayNode();
            list.forEach(v -> node.add(bsonToJson(v)));
            return node;
        }
        if (value instanceof Decimal128 d) {
            return f.numberNode(d.bigDecimalValue());
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Date d) {
            return f.textNode(d.toInstant().toString());
        }
        if (value instanceof ObjectId o) {
            return f.textNode(o.toHexString());
        }
        return f.textNode(value.toString());
    }

    static Instant instantOf(Object value) {
        return value instanceof Date d ? d.toInstant() : null;
    }
}
