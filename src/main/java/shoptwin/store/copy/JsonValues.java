package shoptwin.store.copy;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Row images as JSON, and jsonb's values as BSON and back (the {@link ColumnType#JSON} mapping). */
final class JsonValues {
    private JsonValues() {
    }

    /**
     * Reads row images: numbers as BigDecimal/BigInteger with trailing zeros kept, so that a numeric's
     * scale and a bigint's digits survive the trip, and with no limit on a number's length below
     * numeric's own (Jackson's default stops at 1,000 characters; a float8 near its smallest needs 330),
     * nor on a string's (MongoDB's 16 MB document limit is the limit).
     */
    static final JsonMapper ROW_JSON = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNumberLength(200_000).maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** jsonb as BSON: object → Document (key order as jsonb gives it), array → list, numbers by their digits. */
    static Object jsonToBson(JsonNode value, String column) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            org.bson.Document doc = new org.bson.Document();
            value.fields().forEachRemaining(e -> doc.put(e.getKey(), jsonToBson(e.getValue(), column)));
            return doc;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>(value.size());
            value.forEach(v -> list.add(jsonToBson(v, column)));
            return list;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            BigInteger big = value.bigIntegerValue();
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return ColumnType.exactDecimal(new BigDecimal(big), column);
        }
        if (value.isNumber()) {
            return ColumnType.exactDecimal(value.decimalValue(), column);
        }
        return value.asText();
    }

    /** A document value as JSON text (Decimal128 in plain notation). */
    static String jsonText(Object value) {
        try {
            return ROW_JSON.writeValueAsString(bsonToJson(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
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
            return f.numberNode(d.bigDecimalValue()); // NaN has no JSON: refused, naming the field
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
