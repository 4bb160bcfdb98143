package shoptwin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ShopDraft;
import shoptwin.store.CustomerQuery;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;

/** {@code shoptwin import customers}, {@code report takings} and {@code receipt}, as a shop runs them. */
class ShopDataCommandsTest {
    @TempDir
    Path dir;

    private PostgresSettings pg;
    private Database db;
    private PostgresShopStore store;
    private String out;
    private String err;

    @BeforeEach
    void setUp() {
        pg = TestDatabases.freshPostgres();
        db = new Database(pg, 2);
        db.migrate();
        store = new PostgresShopStore(db);
        store.saveShop(0, new ShopDraft("Corner Store", null, "+91 20 2555 0100", null, "4 Station Road, Pune", "INR",
                "Asia/Kolkata", "27AAAPL1234C1ZV", "Thank you, come again!"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = Map.of("SUPABASE_DB_URL", pg.jdbcUrl() + "?user=" + pg.user());
        int code = ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private long customers() {
        return store.searchCustomers(CustomerQuery.firstPage("", 1)).total();
    }

    // ---- import customers

    @Test
    void importExitsThreeWhenRowsWereRefusedListsThemAndAddsTheRestOnce() {
        String file = "src/test/resources/shoptwin/importing/customers-with-problems.csv";
        assertThat(run("import", "customers", file, "--dry-run")).isEqualTo(ImportCommand.SOME_REFUSED);
        assertThat(out).contains("10 rows in customers-with-problems.csv: 4 to add, 3 refused, 3 duplicates skipped.")
                .contains("row 3 refused: name: Name is required.")
                .contains("row 4 refused: email: Email must be an email address like name@example.com.")
                .contains("row 6 skipped: same phone as row 2")
                .contains("Ignored columns: Loyalty card.")
                .contains("Dry run: nothing was written.");
        assertThat(customers()).isZero();

        assertThat(run("import", "customers", file)).isEqualTo(ImportCommand.SOME_REFUSED);
        assertThat(out).contains("Added 4 customers from customers-with-problems.csv.");
        assertThat(customers()).isEqualTo(4);
        assertThat(run("import", "customers", file)).isEqualTo(ImportCommand.SOME_REFUSED);
        assertThat(out).contains("0 to add").contains("Added 0 customers");
        assertThat(customers()).isEqualTo(4);
    }

    @Test
    void importExitsZeroWhenNothingWasRefusedOneOnARefusedFileAndTwoOnUsage() throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "Name,Phone\r\nAsha,+91 98765 43210\r\n");
        assertThat(run("import", "customers", good.toString())).isZero();
        assertThat(out).contains("Added 1 customer from good.csv.");

        Path noName = dir.resolve("no-name.csv");
        Files.writeString(noName, "phone\n123456\n");
        assertThat(run("import", "customers", noName.toString())).isEqualTo(1);
        assertThat(err).contains("The file has no 'name' column");

        assertThat(run("import", "customers", dir.resolve("missing.csv").toString())).isEqualTo(1);
        assertThat(err).contains("There is no file");
        assertThat(run("import", "customers")).isEqualTo(2);
        assertThat(run("import")).isEqualTo(2);
        assertThat(customers()).isEqualTo(1);
    }

    // ---- report takings

    private Customer customer(String name) {
        return store.createCustomer(new CustomerDraft(name, null, null, null, null));
    }

    private Payment pay(Customer c, String amount, PaymentMethod m, String at) {
        return store.createPayment(new PaymentDraft(c.id(), amount, m, "R-" + amount, null, Instant.parse(at)));
    }

    @Test
    void takingsJsonCountsEachPaymentOnTheShopsDayWithExactAmounts() throws Exception {
        Customer asha = customer("Asha");
        // 23:30 in Kolkata on 1 November is 18:00 UTC: the shop's 1 November
        pay(asha, "100.25", PaymentMethod.CASH, "2026-11-01T18:00:00Z");
        pay(asha, "20.25", PaymentMethod.CASH, "2026-11-01T03:00:00Z");
        // 00:15 in Kolkata on 3 November is 18:45 UTC on 2 November: the shop's 3 November
        pay(asha, "0.10", PaymentMethod.UPI, "2026-11-02T18:45:00Z");
        pay(asha, "999.99", PaymentMethod.CARD, "2026-11-04T10:00:00Z"); // outside the period

        assertThat(run("report", "takings", "--from", "2026-11-01", "--to", "2026-11-03", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.fieldNames()).toIterable().containsExactly("days", "total");
        assertThat(json.get("days")).hasSize(3);
        JsonNode first = json.get("days").get(0);
        assertThat(first.get("date").asText()).isEqualTo("2026-11-01");
        assertThat(first.get("by_method").get("cash").get("count").asInt()).isEqualTo(2);
        assertThat(first.get("by_method").get("cash").get("total").isTextual()).isTrue();
        assertThat(first.get("by_method").get("cash").get("total").asText()).isEqualTo("120.50");
        assertThat(first.get("by_method").fieldNames()).toIterable()
                .containsExactly("cash", "card", "upi", "bank_transfer", "other");
        assertThat(first.get("total").asText()).isEqualTo("120.50");
        // a quiet day is there, with zeros
        assertThat(json.get("days").get(1).get("total").asText()).isEqualTo("0.00");
        assertThat(json.get("days").get(2).get("by_method").get("upi").get("total").asText()).isEqualTo("0.10");
        assertThat(json.get("total").asText()).isEqualTo("120.60");

        assertThat(run("report", "takings", "--from", "2026-11-01", "--to", "2026-11-03")).isZero();
        assertThat(out).contains("Asia/Kolkata, INR").contains("2026-11-01").contains("120.60").contains("3 payments over 3 days");
    }

    @Test
    void badDatesAreRefusedNamingTheOption() {
        assertThat(run("report", "takings", "--from", "2026-13-01", "--to", "2026-11-03")).isEqualTo(2);
        assertThat(err).contains("--from: '2026-13-01' is not a date: write it like 2026-11-01.");
        assertThat(run("report", "takings", "--from", "2026-11-05", "--to", "2026-11-03")).isEqualTo(2);
        assertThat(err).contains("--to: The last day (2026-11-03) is before the first day (2026-11-05).");
        assertThat(run("report", "takings", "--from", "2026-11-05")).isEqualTo(2);
        assertThat(err).contains("--to");
    }

    // ---- receipt

    @Test
    void aReceiptIsSavedAsPdfInBothLayoutsAndABadIdSaysSo() throws Exception {
        Payment p = pay(customer("आशा राव"), "1250.50", PaymentMethod.UPI, "2026-11-01T18:00:00Z");
        Path pdf = dir.resolve("receipt.pdf");
        assertThat(run("receipt", p.id().toString(), "--out", pdf.toString())).isZero();
        assertThat(out).contains("Saved the receipt " + p.id().toString().substring(0, 8).toUpperCase()).contains("(a4)");
        String text = shoptwin.receipt.ReceiptPdfTest.text(pdf);
        assertThat(text).contains("Corner Store").contains("आशा राव").contains("₹1,250.50").contains("1 Nov 2026, 23:30");

        Path roll = dir.resolve("roll.pdf");
        assertThat(run("receipt", p.id().toString(), "--out", roll.toString(), "--layout", "80mm")).isZero();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(roll.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(226.77f, org.assertj.core.data.Offset.offset(0.1f));
        }

        assertThat(run("receipt", "not-an-id", "--out", pdf.toString())).isEqualTo(1);
        assertThat(err).contains("'not-an-id' is not a payment id");
        assertThat(run("receipt", "3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d", "--out", dir.resolve("x.pdf").toString())).isEqualTo(1);
        assertThat(err).contains("There is no payment with id 3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d.");
        assertThat(dir.resolve("x.pdf")).doesNotExist();
        assertThat(run("receipt", p.id().toString(), "--out", pdf.toString(), "--layout", "letter")).isEqualTo(2);
        assertThat(err).contains("--layout: 'letter' is not a layout: use 80mm or a4.");
    }
}
