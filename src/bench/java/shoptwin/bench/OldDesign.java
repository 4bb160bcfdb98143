package shoptwin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The system ShopTwin replaces, as a baseline: after each PostgreSQL write, copy that one row to
 * MongoDB with a replaceOne upsert on _id (or a deleteOne), one document at a time. The document
 * has the same shape as ShopTwin's copy (snake_case, UUID string _id, Decimal128, Date), so that
 * both sides write the same bytes.
 */
final class OldDesign {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private OldDesign() {
    }

    static void replace(MongoDatabase mongo, String table, Document doc) {
        mongo.getCollection(collection(table)).replaceOne(Filters.eq("_id", doc.get("_id")), doc, UPSERT);
    }

    static void delete(MongoDatabase mongo, String table, Object id) {
        mongo.getCollection(collection(table)).deleteOne(Filters.eq("_id", id.toString()));
    }

    static String collection(String table) {
        return table.equals("shop") ? "shops" : table;
    }

    /** The current row of a result set as the copy's document. */
    static Document fromRow(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Document d = new Document();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnName(i);
            Object value;
            switch (md.getColumnType(i)) {
                case Types.NUMERIC, Types.DECIMAL -> {
                    BigDecimal b = rs.getBigDecimal(i);
                    value = b == null ? null : new Decimal128(b);
                }
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                    Timestamp t = rs.getTimestamp(i);
                    value = t == null ? null : new Date(t.getTime());
                }
                case Types.BIGINT -> {
                    long l = rs.getLong(i);
                    value = rs.wasNull() ? null : l;
                }
                default -> {
                    Object o = rs.getObject(i);
                    value = o instanceof UUID u ? u.toString() : o;
                }
            }
            d.put(name.equals("id") ? "_id" : name, value);
        }
        return d;
    }

    /** A change-log row image (to_jsonb of the row) as the copy's document. */
    static Document fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Document d = new Document();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                JsonNode v = e.getValue();
                Object value;
                if (v.isNull()) {
                    value = null;
                } else if (k.equals("amount")) {
                    value = new Decimal128(v.decimalValue());
                } else if (k.endsWith("_at")) {
                    value = Date.from(OffsetDateTime.parse(v.asText()).toInstant());
                } else if (v.isIntegralNumber()) {
                    value = v.longValue();
                } else {
                    value = v.asText();
                }
                d.put(k.equals("id") ? "_id" : k, value);
            }
            return d;
        } catch (Exception e) {
            throw new IllegalStateException("bad row image", e);
        }
    }

    static MongoCollection<Document> customers(MongoDatabase mongo) {
        return mongo.getCollection("customers");
    }
}
