package shoptwin.store.copy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.Shop;
import shoptwin.store.StoreException;

/**
 * Reads the copy's documents ({@link CopyFormat}: one per row, {@code _id} = the row's UUID as a
 * string, snake_case fields as in PostgreSQL, numeric as Decimal128, timestamptz as Date, NULL as
 * null) back into domain records, for the read store. The bookkeeping field {@code _v} is ignored;
 * deleted rows have no document here (their tombstones live in {@link CopyFormat#TOMBSTONES}).
 */
public final class CopyDocuments {
    private static final String ID = CopyFormat.ID;

    private CopyDocuments() {
    }

    public static Customer customer(Document d) {
        return new Customer(
                uuid(d, ID),
                d.getString("name"),
                d.getString("phone"),
                d.getString("email"),
                d.getString("address"),
                d.getString("notes"),
                version(d),
                instant(d, "created_at"),
                instant(d, "updated_at"));
    }

    public static Payment payment(Document d) {
        String methodCode = d.getString("method");
        PaymentMethod method = PaymentMethod.fromCode(methodCode).orElseThrow(() ->
                new StoreException("The backup holds a payment with an unknown method '" + methodCode + "' (id "
                        + d.get(ID) + ")."));
        return new Payment(
                uuid(d, ID),
                uuid(d, "customer_id"),
                decimal(d, "amount"),
                method,
                d.getString("reference"),
                d.getString("note"),
                instant(d, "paid_at"),
                version(d),
                instant(d, "created_at"),
                instant(d, "updated_at"));
    }

    public static Shop shop(Document d) {
        return new Shop(
                uuid(d, ID),
                d.getString("name"),
                d.getString("owner_name"),
                d.getString("phone"),
                d.getString("email"),
                d.getString("address"),
                d.getString("currency"),
                d.getString("timezone"),
                d.getString("tax_id"),
                d.getString("receipt_footer"),
                version(d),
                instant(d, "created_at"),
                instant(d, "updated_at"));
    }

    public static UUID uuid(Document d, String field) {
        Object v = d.get(field);
        if (v == null) {
            return null;
        }
        try {
            return UUID.fromString(v.toString());
        } catch (IllegalArgumentException e) {
            throw new StoreException("The backup holds a malformed id in '" + field + "': " + v, e);
        }
    }

    /** The row's own {@code version} column (what the forms' conflict check compares), not the copy's {@code _v}. */
    private static long version(Document d) {
        Object v = d.get("version");
        // the mirror writes Int64; a hand-made or older copy may hold Int32
        return v instanceof Number n ? n.longValue() : 0L;
    }

    public static Instant instant(Document d, String field) {
        Object v = d.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Date date) {
            return date.toInstant();
        }
        if (v instanceof String text && text.endsWith("Z")) {
            // a timestamptz with microseconds (an adopted table's created_at): the copy holds its exact text
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                // said below
            }
        }
        throw new StoreException("The backup holds '" + field + "' as " + v.getClass().getSimpleName()
                + " instead of a date (id " + d.get(ID) + ").");
    }

    public static BigDecimal decimal(Document d, String field) {
        Object v = d.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Decimal128 dec) {
            return dec.bigDecimalValue();
        }
        if (v instanceof Number n) {
            // not what the mirror writes; read it anyway rather than hide the payment
            return new BigDecimal(n.toString());
        }
        throw new StoreException("The backup holds '" + field + "' as " + v.getClass().getSimpleName()
                + " instead of a number (id " + d.get(ID) + ").");
    }
}
