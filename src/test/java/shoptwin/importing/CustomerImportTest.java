package shoptwin.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.domain.CustomerDraft;
import shoptwin.store.CustomerQuery;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;
import shoptwin.ui.fakes.InMemoryShopStore;

/**
 * A shop imports its customer list: a file with bad rows, duplicates inside the file and duplicates of
 * customers it already has, and quoted multi-line cells; then imports the same file again.
 */
class CustomerImportTest {
    static final Path FILE = Path.of("src/test/resources/shoptwin/importing/customers-with-problems.csv");

    @AutoClose
    private final Database db = migrated();
    @AutoClose
    private final PostgresShopStore store = new PostgresShopStore(db);

    private static Database migrated() {
        Database d = new Database(TestDatabases.freshPostgres(), 4);
        d.migrate();
        return d;
    }

    private List<String> names() {
        return store.searchCustomers(new CustomerQuery("", null, true, 0, 100)).items().stream()
                .map(s -> s.customer().name()).toList();
    }

    @Test
    void thePreviewRefusesBadRowsWithTheirRowAndFieldAndSkipsDuplicatesInTheFileAndTheDatabase() {
        store.createCustomer(new CustomerDraft("Existing Customer", "+15550199", null, null, null));
        ImportPlan plan = ImportPlan.prepare(CustomerFile.read(FILE), store);

        assertThat(plan.toAdd()).extracting(CustomerFile.Row::number).containsExactly(2L, 5L, 8L);
        assertThat(plan.refused()).extracting(ImportPlan.Refused::row).containsExactly(3L, 4L, 10L);
        assertThat(plan.refused().get(0).reasons()).isEqualTo("name: Name is required.");
        assertThat(plan.refused().get(1).reasons()).isEqualTo("email: Email must be an email address like name@example.com.");
        assertThat(plan.refused().get(2).reasons()).startsWith("phone: Phone must be a phone number");
        assertThat(plan.duplicates()).extracting(ImportPlan.Duplicate::row).containsExactly(6L, 7L, 9L, 11L);
        assertThat(plan.duplicates()).extracting(ImportPlan.Duplicate::reason).containsExactly(
                "same phone as row 2", "same email as row 5", "same name as row 8",
                "a customer with phone +1 555 0199 exists already");
        assertThat(plan.ignoredColumns()).isEqualTo("Ignored columns: Loyalty card.");
        assertThat(plan.summary()).isEqualTo("10 rows in customers-with-problems.csv: 3 to add, 3 refused, 4 duplicates skipped.");
        // a preview writes nothing
        assertThat(names()).containsExactly("Existing Customer");
    }

    @Test
    void importingTheSameFileTwiceAddsNothingTheSecondTime() {
        ImportReport first = new CustomerImport(store).write(ImportPlan.prepare(CustomerFile.read(FILE), store),
                ImportProgress.NONE, () -> false);
        assertThat(first.added()).isEqualTo(4); // rows 2, 5, 8 and 11 (no existing customer this time)
        assertThat(first.complete()).isTrue();
        assertThat(names()).containsExactlyInAnyOrder("Asha Rao", "Meera \"Mimi\" Iyer", "Ravi", "Existing Customer");
        assertThat(store.searchCustomers(CustomerQuery.firstPage("Meera", 5)).items().get(0).customer().address())
                .isEqualTo("Flat 4\r\nStation Road");

        ImportPlan again = ImportPlan.prepare(CustomerFile.read(FILE), store);
        assertThat(again.toAdd()).isEmpty();
        assertThat(again.duplicates()).hasSize(7);
        assertThat(new CustomerImport(store).write(again, ImportProgress.NONE, () -> false).added()).isZero();
        assertThat(names()).hasSize(4);
    }

    @Test
    void aCustomerAddedBetweenThePreviewAndTheWriteIsSkippedNotDoubled() {
        ImportPlan plan = ImportPlan.prepare(CustomerFile.read(FILE), store);
        store.createCustomer(new CustomerDraft("Asha (typed at the till)", "+91 98765-43210", null, null, null));
        ImportReport report = new CustomerImport(store).write(plan, ImportProgress.NONE, () -> false);
        assertThat(report.skippedMeanwhile()).containsExactly(2L);
        assertThat(report.describe()).contains("rows 2)");
        assertThat(store.searchCustomers(CustomerQuery.firstPage("919876543210", 10)).total()).isEqualTo(1);
    }

    @Test
    void aFailureHalfWaySaysWhichRowsWereWrittenAndAgainAddsTheRest() {
        InMemoryShopStore memory = new InMemoryShopStore();
        StringBuilder csv = new StringBuilder("name,email\n");
        for (int i = 1; i <= 25; i++) {
            csv.append("Customer ").append(i).append(",c").append(i).append("@example.com\n");
        }
        CustomerFile file = CustomerFile.read("big.csv", new java.io.ByteArrayInputStream(csv.toString().getBytes()));
        memory.failBatch = 3; // batches of 10: rows 2-11 and 12-21 are written, then the database stops answering
        AtomicInteger progress = new AtomicInteger();
        ImportReport report = new CustomerImport(memory, 10).write(ImportPlan.prepare(file, memory),
                (done, total) -> progress.set(done), () -> false);
        assertThat(report.added()).isEqualTo(20);
        assertThat(report.complete()).isFalse();
        assertThat(report.notWritten()).containsExactly(22L, 23L, 24L, 25L, 26L);
        assertThat(report.describe()).contains("5 rows were not written (rows 22–26)").contains("Rows up to row 21 were written")
                .contains("The database stopped answering");
        assertThat(progress.get()).isEqualTo(20);
        assertThat(memory.customerCount()).isEqualTo(20);

        memory.failBatch = -1;
        ImportReport rest = new CustomerImport(memory, 10).write(ImportPlan.prepare(file, memory), ImportProgress.NONE, () -> false);
        assertThat(rest.added()).isEqualTo(5);
        assertThat(memory.customerCount()).isEqualTo(25);
    }

    @Test
    void cancellingStopsBeforeTheNextBatch() {
        InMemoryShopStore memory = new InMemoryShopStore();
        StringBuilder csv = new StringBuilder("name\n");
        for (int i = 1; i <= 30; i++) {
            csv.append("Walk-in ").append(i).append('\n');
        }
        CustomerFile file = CustomerFile.read("walkins.csv", new java.io.ByteArrayInputStream(csv.toString().getBytes()));
        ImportReport report = new CustomerImport(memory, 10).write(ImportPlan.prepare(file, memory), ImportProgress.NONE,
                () -> memory.batchesWritten == 1);
        assertThat(report.cancelled()).isTrue();
        assertThat(report.added()).isEqualTo(10);
        assertThat(report.describe()).contains("Cancelled: 20 rows were not written (rows 12–31)");
    }
}
