package shoptwin.store.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import shoptwin.domain.Payment;
import shoptwin.store.TakingsRow;
import shoptwin.store.copy.CopyDocuments;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * Daily takings from the copy: the payments in [from, to) (paid_at is a BSON Date, compared as an
 * instant), grouped by the shop's day in Java with exact decimals, as PostgreSQL groups them with
 * {@code at time zone}: both stores give the same figures for the same payments.
 */
final class CopyTakings {
    private CopyTakings() {
    }

    static List<TakingsRow> query(MongoDatabase db, Instant from, Instant to, ZoneId zone) {
        List<Payment> payments = new ArrayList<>();
        for (Document d : CopyFormat.collection(db, MirrorTable.PAYMENTS)
                .find(Filters.and(Filters.gte("paid_at", Date.from(from)), Filters.lt("paid_at", Date.from(to))))
                .batchSize(5_000)) {
            payments.add(CopyDocuments.payment(d));
        }
        return TakingsRow.tally(payments, zone);
    }
}
