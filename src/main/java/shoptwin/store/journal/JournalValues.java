package shoptwin.store.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bson.types.Decimal128;

/** Comparing the journal's values with each other and with the copy's or Supabase's, as the three-way merge does. */
public final class JournalValues {
    private JournalValues() {
    }

    /**
     * The same value for the shop: amounts by number (10.5 and 10.50 are the same amount), dates by instant,
     * text exactly; copy types (Decimal128, Date) and Java types (BigDecimal, Instant) compare alike.
     */
    public static boolean same(Object a, Object b) {
        Object x = normal(a);
        Object y = normal(b);
        if (x instanceof BigDecimal p && y instanceof BigDecimal q) {
            return p.compareTo(q) == 0;
        }
        return Objects.equals(x, y);
    }

    private static Object normal(Object v) {
        if (v instanceof Decimal128 d && !d.isNaN() && !d.isInfinite()) {
            return d.bigDecimalValue();
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        return v;
    }

    /** The value as SQL text, for a parameter cast to its column's type; null for null. */
    public static String sqlText(Object v) {
        Object n = normal(v);
        if (n == null) {
            return null;
        }
        if (n instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (n instanceof Instant i) {
            return i.toString();
        }
        return n.toString();
    }
}
