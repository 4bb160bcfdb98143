package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;

/**
 * Verify reads PostgreSQL independently of the mirror's mapper ({@link ExpectedCopy}): a mapping mistake in the mirror
 * shows as a difference, naming the field, instead of being reproduced on both sides and reported "equal".
 */
class VerifyCatchesAMappingBugTest {

    @Test
    void aJsonArrayMirroredAsAStringIsADifference() throws Exception {
        VerifyReport.TableReport customers = mirrorWith(doc -> {
            if (doc.get("tags") instanceof List<?> tags) {
                doc.put("tags", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(tags).toString());
            }
            return doc;
        }).table(MirrorTable.CUSTOMERS);
        assertThat(customers.different()).isEqualTo(3);
        assertThat(customers.differentFields().values()).allSatisfy(fields -> assertThat(fields).containsExactly("tags"));
    }

    @Test
    void anAmountMirroredAsADoubleIsADifference() throws Exception {
        VerifyReport report = mirrorWith(doc -> {
            if (doc.get("amount") instanceof Decimal128 amount) {
                doc.put("amount", amount.bigDecimalValue().doubleValue());
            }
            return doc;
        });
        assertThat(report.table(MirrorTable.PAYMENTS).different()).isEqualTo(3);
        assertThat(report.table(MirrorTable.PAYMENTS).differentFields().values())
                .allSatisfy(fields -> assertThat(fields).containsExactly("amount"));
        assertThat(report.table(MirrorTable.CUSTOMERS).isEqual()).isTrue();
    }

    @Test
    void theSameDataMirroredWithoutTheBugIsEqual() throws Exception {
        VerifyReport report = mirrorWith(UnaryOperator.identity());
        assertThat(report.isEqual()).as(report.describe()).isTrue();
    }

    private static VerifyReport mirrorWith(UnaryOperator<Document> plantedBug) throws Exception {
        try (MirrorFixture f = new MirrorFixture()) {
            f.sql("alter table public.customers add column tags jsonb"); // a column added in Studio
            f.start(f.builder().afterMapping(plantedBug));
            f.tx(c -> MirrorFixture.insertCustomers(c, 3, "Tagged"));
            f.sql("update public.customers set tags = '[\"vip\", \"wholesale, north\"]'");
            f.sql("insert into public.payments(customer_id, amount, method) select id, 12.30, 'cash' from public.customers");
            await().atMost(Duration.ofSeconds(30)).until(() -> f.backlog() == 0);
            return f.verify();
        }
    }
}
