package shoptwin.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.domain.Payment;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.Dataset;
import shoptwin.testing.TestDatabases;

/** The backup's payment sorts reuse their sums for a while (paging), then sum the copy again. */
class CopyPaymentSortTest {
    @AutoClose
    private final MongoClient client = TestDatabases.mongoClient();
    private final MongoDatabase db = client.getDatabase(TestDatabases.freshMongo().database());

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-01T10:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void sumsAreReusedForThirtySecondsThenReadAgain() {
        Dataset data = Dataset.standard();
        CopyFixtures.insert(db, data);
        MovableClock clock = new MovableClock();
        CopyPaymentSort sort = new CopyPaymentSort(clock);
        CustomerQuery top = new CustomerQuery("", CustomerSort.TOTAL_PAID, false, 0, 1);
        assertThat(sort.search(db, MongoShopStore.searchFilter(""), top).items().get(0).customer().name()).isEqualTo("Asha Patel");

        // the mirror adds a big payment for Bob
        Payment big = new Payment(Dataset.id(2, 99), data.customerNamed("Bob O'Brien").id(), new BigDecimal("5000.00"),
                shoptwin.domain.PaymentMethod.CASH, null, null, Instant.parse("2026-02-01T10:00:00Z"), 1,
                Instant.parse("2026-02-01T10:00:00Z"), Instant.parse("2026-02-01T10:00:00Z"));
        shoptwin.store.copy.CopyFormat.collection(db, shoptwin.store.copy.MirrorTable.PAYMENTS).insertOne(CopyFixtures.document(big));
        clock.now.set(clock.now.get().plusSeconds(10));
        assertThat(sort.search(db, MongoShopStore.searchFilter(""), top).items().get(0).customer().name())
                .as("within 30 s the sums are reused").isEqualTo("Asha Patel");
        clock.now.set(clock.now.get().plus(CopyPaymentSort.FRESH_FOR));
        assertThat(sort.search(db, MongoShopStore.searchFilter(""), top).items().get(0).customer().name())
                .isEqualTo("Bob O'Brien");
        assertThat(Duration.ofSeconds(30)).isEqualTo(CopyPaymentSort.FRESH_FOR);
    }
}
