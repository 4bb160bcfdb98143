package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;

/** One row MongoDB cannot take (or a value it holds specially) never stops the others. */
class NoSingleRowStopsTheMirrorTest {

    @Test
    void aSeventeenMegabyteRowIsParkedWithAReasonAndTheOthersGoThrough() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            // a large column added in Studio
            f.sql("alter table public.customers add column attachment text");
            MirrorService mirror = f.start(f.builder().batchSize(50));
            f.tx(c -> MirrorFixture.insertCustomers(c, 30, "Before"));
            f.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into public.customers(name, attachment) values ('Huge', ?)")) {
                    ps.setString(1, "x".repeat(17 * 1024 * 1024));
                    ps.executeUpdate();
                }
            });
            f.tx(c -> MirrorFixture.insertCustomers(c, 30, "After"));
            f.sql("update public.customers set notes = 'later' where name like 'Before 1%'");

            await().atMost(Duration.ofSeconds(60)).until(() -> f.backlog() == 0);
            assertThat(mirror.health().state()).isNotEqualTo(MirrorHealth.State.RETRYING);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.regex("name", "^(Before|After) "))).isEqualTo(60);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("notes", "later"))).isEqualTo(11);
            assertThat(f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Huge"))).isZero();
            List<ParkedChange> parked = mirror.parked(10);
            assertThat(parked).singleElement().satisfies(p -> {
                assertThat(p.table()).isEqualTo(MirrorTable.CUSTOMERS);
                assertThat(p.error()).contains("17.0 MB as a MongoDB document").contains("at most 16 MB").contains("parked retry");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> mirror.health().parkedCount() == 1);

            // and the row made smaller afterwards goes through after a retry
            f.sql("update public.customers set attachment = 'small now' where name = 'Huge'");
            mirror.retryParked(List.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0
                    && f.mongo.getCollection("customers").countDocuments(Filters.eq("name", "Huge")) == 1);
            VerifyReport verify = f.verify();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();
        }
    }

    @Test
    void aNaNPaymentIsMirroredExactlyAsDecimal128NaNAndTheOthersGoThrough() throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            MirrorService mirror = f.start();
            f.tx(c -> MirrorFixture.insertCustomers(c, 5, "Payer"));
            // valid in PostgreSQL ('NaN' > 0 is true): a writer other than the console can store it
            f.sql("insert into public.payments(customer_id, amount, method) select id, 'NaN', 'cash' from public.customers where name = 'Payer 0'",
                    "insert into public.payments(customer_id, amount, method) select id, 19.90, 'card' from public.customers");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0 && mirror.health().lastSuccessAt() != null);
            assertThat(mirror.health().parkedCount()).isZero();
            assertThat(f.mongo.getCollection("payments").countDocuments()).isEqualTo(6);
            Document nan = f.mongo.getCollection("payments").find(Filters.eq("amount", Decimal128.NaN)).first();
            assertThat(nan).isNotNull();
            assertThat(nan.get("amount")).isEqualTo(Decimal128.NaN);
            VerifyReport verify = f.verify();
            assertThat(verify.isEqual()).as(verify.describe()).isTrue();
        }
    }
}
