package shoptwin.store.copy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * A copy document's fields as plain Java values and back, one to one, so that code above the store (the
 * history's screens and their tests) never handles BSON types: Decimal128 ↔ BigDecimal (scale kept), Date ↔
 * Instant (milliseconds, as the copy holds them), embedded document ↔ Map, array ↔ List, Binary ↔ byte[];
 * strings, numbers, booleans, null (and a Decimal128 NaN or infinity, which no BigDecimal holds) as they are. The row's {@code _id} is the column {@code id}.
 */
public final class CopyValues {
    private CopyValues() {
    }

    /** The row's fields, {@code _id} as {@code id}, in the document's order; {@code _v} left out. */
    public static Map<String, Object> plain(Document row) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (row == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equals(CopyFormat.VERSION)) {
                continue;
            }
            out.put(e.getKey().equals(CopyFormat.ID) ? CopyFormat.ID_COLUMN : e.getKey(), plainValue(e.getValue()));
        }
        return out;
    }

    /** The reverse of {@link #plain}: the document as the copy would hold it. */
    public static Document document(Map<String, Object> fields) {
        Document d = new Document();
        fields.forEach((k, v) -> d.put(k.equals(CopyFormat.ID_COLUMN) ? CopyFormat.ID : k, bsonValue(v)));
        return d;
    }

    public static Object plainValue(Object v) {
        if (v instanceof Decimal128 d) {
            return d.isNaN() || d.isInfinite() ? d : d.bigDecimalValue(); // no BigDecimal for these: kept as they are
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof Binary b) {
            return b.getData();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plainValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plainValue(x)));
            return out;
        }
        return v;
    }

    public static Object bsonValue(Object v) {
        if (v instanceof BigDecimal b) {
            return new Decimal128(b);
        }
        if (v instanceof Instant i) {
            return Date.from(i);
        }
        if (v instanceof byte[] b) {
            return new Binary(b);
        }
        if (v instanceof Map<?, ?> m) {
            Document out = new Document();
            m.forEach((k, x) -> out.put(String.valueOf(k), bsonValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(bsonValue(x)));
            return out;
        }
        return v;
    }
}
