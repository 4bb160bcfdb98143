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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The PostgreSQL column types the copy knows, each with both directions side by side: the value of a
 * row image ({@code to_jsonb(row)}) as it goes into the document, and the document's value as SQL text
 * for a restore (a parameter cast to the column's type). To change how a type is copied, change its
 * constant here, both directions; {@link DocumentMapper} only walks the columns. Values are never null
 * here (NULL is null both ways, in the mapper).
 */
public enum ColumnType {
    UUID("uuid"),
    TEXT("text", "varchar", "bpchar", "citext", "name"),
    /** Decimal128 with its scale: 10.50 stays 10.50 (the row image is read with BigDecimals, see {@link #ROW_JSON}). */
    NUMERIC("numeric") {
        @Override
        Object toDocument(JsonNode value) {
            if (value.isTextual()) {
                // the row image renders numeric's special values as strings: Decimal128 has the same three
                switch (value.asText()) {
                    case "NaN" -> {
                        return Decimal128.NaN;
                    }
                    case "Infinity" -> {
                        return Decimal128.POSITIVE_INFINITY;
                    }
                    case "-Infinity" -> {
                        return Decimal128.NEGATIVE_INFINITY;
                    }
                    default -> {
                        // a plain number as a string: below
                    }
                }
            }
            return new Decimal128(value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText()));
        }

        @Override
        String toSql(Object value) {
            if (value instanceof Decimal128 d && (d.isNaN() || d.isInfinite())) {
                return d.isNaN() ? "NaN" : d.isNegative() ? "-Infinity" : "Infinity";
            }
            return value instanceof Decimal128 d ? d.bigDecimalValue().toPlainString() : new BigDecimal(value.toString()).toPlainString();
        }
    },
    /** BSON Date, milliseconds (PostgreSQL stamps at millisecond precision so that the copy is exact). */
    TIMESTAMPTZ("timestamptz") {
        @Override
        Object toDocument(JsonNode value) {
            return Date.from(OffsetDateTime.parse(value.asText()).toInstant());
        }
    },
    TIMESTAMP("timestamp"),
    DATE("date"),
    BIGINT("int8") {
        @Override
        Object toDocument(JsonNode value) {
            return value.asLong();
        }
    },
    INTEGER("int4", "int2") {
        @Override
        Object toDocument(JsonNode value) {
            return value.asInt();
        }
    },
    BOOLEAN("bool") {
        @Override
        Object toDocument(JsonNode value) {
            return value.asBoolean();
        }
    },
    DOUBLE("float4", "float8") {
        @Override
        Object toDocument(JsonNode value) {
            return value.asDouble();
        }
    },
    /** Embedded documents and arrays; also how a column the mapper has not loaded yet is copied. */
    JSON("jsonb", "json") {
        @Override
        Object toDocument(JsonNode value) {
            return jsonToBson(value);
        }

        @Override
        String toSql(Object value) {
            try {
                return ROW_JSON.writeValueAsString(bsonToJson(value));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e.getOriginalMessage(), e);
            }
        }
    },
    /** Any other type: copied as its text. */
    OTHER;

    /**
     * Reads row images: numbers as BigDecimal/BigInteger with trailing zeros kept, so that a numeric's
     * scale and a bigint's digits survive the trip.
     */
    static final JsonMapper ROW_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final List<String> udtNames;

    ColumnType(String... udtNames) {
        this.udtNames = Arrays.asList(udtNames);
    }

    /** The type of a column by its {@code information_schema.columns.udt_name}; OTHER for types the copy does not know. */
    public static ColumnType ofUdtName(String udt) {
        for (ColumnType t : values()) {
            if (t.udtNames.contains(udt)) {
                return t;
            }
        }
        return OTHER;
    }

    /** The row image's value (not JSON null) as the document holds it. By default: its text. */
    Object toDocument(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The document's value (not null) as SQL text for a parameter cast to the column's type. By default: its text. */
    String toSql(Object value) {
        return value instanceof Date d ? d.toInstant().toString() : value.toString();
    }

    private static Object jsonToBson(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            org.bson.Document doc = new org.bson.Document();
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

    private static JsonNode bsonToJson(Object value) {
        JsonNodeFactory f = ROW_JSON.getNodeFactory();
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
}
