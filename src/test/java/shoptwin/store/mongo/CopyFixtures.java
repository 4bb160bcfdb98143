package shoptwin.store.mongo;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bson.Document;
import org.bson.types.Decimal128;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.domain.Shop;
import shoptwin.store.Dataset;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * Writes rows into a MongoDB database exactly as the mirror's document contract says: `_id` the
 * UUID as a string, snake_case fields, Decimal128 amounts, Date timestamps, Int64 versions, null
 * for NULL, and `name_sort` on customers. Lets the read store be tested without the mirror.
 */
public final class CopyFixtures {
    private CopyFixtures() {
    }

    public static void insert(MongoDatabase db, Dataset data) {
        if (data.shop() != null) {
            CopyFormat.collection(db, MirrorTable.SHOP).insertOne(document(data.shop()));
        }
        if (!data.customers().isEmpty()) {
            CopyFormat.collection(db, MirrorTable.CUSTOMERS).insertMany(
                    data.customers().stream().map(CopyFixtures::document).toList());
        }
        if (!data.payments().isEmpty()) {
            CopyFormat.collection(db, MirrorTable.PAYMENTS).insertMany(
                    data.payments().stream().map(CopyFixtures::document).toList());
        }
    }

    public static Document document(Customer c) {
        return new Document("_id", c.id().toString())
                .append("id", c.id().toString())
                .append("name", c.name())
                .append("phone", c.phone())
                .append("email", c.email())
                .append("address", c.address())
                .append("notes", c.notes())
                .append("name_sort", c.name().toLowerCase(Locale.ROOT))
                .append("version", c.version())
                .append("created_at", date(c.createdAt()))
                .append("updated_at", date(c.updatedAt()))
                .append("_mirrored_at", new Date());
    }

    public static Document document(Payment p) {
        return new Document("_id", p.id().toString())
                .append("customer_id", p.customerId().toString())
                .append("amount", new Decimal128(p.amount()))
                .append("method", p.method().code())
                .append("reference", p.reference())
                .append("note", p.note())
                .append("paid_at", date(p.paidAt()))
                // Int32 on purpose for one field kind: the store must accept both widths
                .append("version", (int) p.version())
                .append("created_at", date(p.createdAt()))
                .append("updated_at", date(p.updatedAt()));
    }

    public static Document document(Shop s) {
        return new Document("_id", s.id().toString())
                .append("name", s.name())
                .append("owner_name", s.ownerName())
                .append("phone", s.phone())
                .append("email", s.email())
                .append("address", s.address())
                .append("currency", s.currency())
                .append("timezone", s.timezone())
                .append("tax_id", s.taxId())
                .append("receipt_footer", s.receiptFooter())
                .append("version", s.version())
                .append("created_at", date(s.createdAt()))
                .append("updated_at", date(s.updatedAt()));
    }

    private static Date date(Instant t) {
        return t == null ? null : Date.from(t);
    }
}
