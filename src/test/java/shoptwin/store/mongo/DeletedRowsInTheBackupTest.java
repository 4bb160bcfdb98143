package shoptwin.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.MirrorService;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.postgres.Database;
import shoptwin.testing.TestDatabases;

/**
 * Deleting in Supabase, as the shop sees it from the backup: a deleted customer and a deleted payment
 * are gone from the backup's lists, counts and totals, while the copy keeps their tombstones (in their
 * own collection, which the backup store never reads).
 */
class DeletedRowsInTheBackupTest {
    @AutoClose
    private final Database database = new Database(TestDatabases.freshPostgres(), 4);
    private final MongoSettings mongo = TestDatabases.freshMongo();
    @AutoClose
    private final MongoClient client = TestDatabases.mongoClient();

    @Test
    void aDeletedCustomerAndADeletedPaymentAreGoneFromTheBackupWhileTheirTombstonesStay() throws Exception {
        database.migrate();
        UUID asha = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        UUID refunded = UUID.randomUUID();
        sql("insert into public.customers(id, name) values ('" + asha + "', 'Asha Patel'), ('" + ben + "', 'Ben Okafor')",
                "insert into public.payments(id, customer_id, amount, method) values ('" + refunded + "', '" + asha + "', 5.00, 'cash'), "
                        + "(gen_random_uuid(), '" + asha + "', 12.50, 'card'), (gen_random_uuid(), '" + ben + "', 3.00, 'cash')");
        drain();
        sql("delete from public.payments where id = '" + refunded + "'", "delete from public.customers where id = '" + ben + "'");
        drain();

        assertThat(CopyFormat.tombstones(client.getDatabase(mongo.database())).countDocuments())
                .as("the deleted customer, its payment and the refunded payment").isEqualTo(3);
        try (MongoShopStore backup = MongoShopStore.open(mongo)) {
            assertThat(backup.getCustomer(ben)).isEmpty();
            assertThat(backup.searchCustomers(CustomerQuery.firstPage("", 50)).items()).extracting(s -> s.customer().id())
                    .containsExactly(asha);
            CustomerSummary summary = backup.searchCustomers(CustomerQuery.firstPage("asha", 50)).items().get(0);
            assertThat(summary.paymentCount()).isEqualTo(1);
            assertThat(summary.totalPaid()).isEqualByComparingTo(new BigDecimal("12.50"));
            assertThat(backup.countPayments(asha)).isEqualTo(1);
            assertThat(backup.listPayments(asha).payments()).extracting(p -> p.amount()).containsExactly(new BigDecimal("12.50"));
        }
    }

    private void drain() {
        try (MirrorService mirror = MirrorService.builder().database(database).mongo(mongo).build()) {
            assertThat(mirror.runUntilDrained(Duration.ofSeconds(60))).as("the mirror drained the change log").isTrue();
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }
}
