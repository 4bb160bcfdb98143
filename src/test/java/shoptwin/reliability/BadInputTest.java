package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import shoptwin.config.MongoSettings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.FieldError;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.domain.ValidationException;
import shoptwin.mirror.MirrorService;
import shoptwin.reliability.BadInputCases.PaymentCase;
import shoptwin.store.CustomerQuery;
import shoptwin.store.ShopStore;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.customers.CustomerFormViewModel;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;
import shoptwin.ui.payments.PaymentFormViewModel;
import shoptwin.ui.shop.ShopSettingsViewModel;

/**
 * Bad input, table-driven ({@link BadInputCases}), through the PostgreSQL store and through the
 * console's view models on top of it. Each case: refused with a message naming the field, nothing
 * written (row counts, versions and the change log unchanged), and a valid write works right after.
 */
class BadInputTest {
    private static Database db;
    private static PostgresShopStore store;
    private static Customer payer;
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void openStore() {
        db = new Database(TestDatabases.freshPostgres(), 4);
        db.migrate();
        store = new PostgresShopStore(db);
        payer = store.createCustomer(new CustomerDraft("Payer One", null, null, null, null));
        store.saveShop(0, new ShopDraft("Corner Shop", null, null, null, null, "INR", "Asia/Kolkata", null, null));
    }

    @AfterAll
    static void closeAndRecord() throws IOException {
        store.close();
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        REPORT.add(0, "bad inputs tried: " + TRIED.get() + ", refused with the field named and nothing written: "
                + REFUSED.get());
        Files.write(dir.resolve("bad-input-store-and-ui.txt"), REPORT, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the store

    @TestFactory
    Stream<DynamicTest> theStoreRefusesBadCustomersNamingTheField() {
        return BadInputCases.customers().stream().flatMap(c -> Stream.of(
                dynamicTest("create " + c, () -> refused("store", c.toString(), c.field(), () -> store.createCustomer(c.draft()))),
                dynamicTest("update " + c, () -> refused("store", c.toString(), c.field(),
                        () -> store.updateCustomer(payer.id(), ShopStore.ANY_VERSION, c.draft())))));
    }

    @TestFactory
    Stream<DynamicTest> theStoreRefusesBadPaymentsNamingTheField() {
        return BadInputCases.payments().stream().map(c -> dynamicTest(c.toString(),
                () -> refused("store", c.toString(), c.field(), () -> store.createPayment(draft(c)))));
    }

    @TestFactory
    Stream<DynamicTest> theStoreRefusesBadShopSettingsNamingTheField() {
        return BadInputCases.shops().stream().map(c -> dynamicTest(c.toString(),
                () -> refused("store", c.toString(), c.field(), () -> store.saveShop(ShopStore.ANY_VERSION, c.draft()))));
    }

    // ------------------------------------------------------------------ the view models, on the real store

    @TestFactory
    Stream<DynamicTest> theCustomerFormShowsTheMessageBesideTheFieldAndSavesNothing() {
        return BadInputCases.customers().stream().map(c -> dynamicTest(c.toString(), () -> {
            Snapshot before = snapshot();
            CustomerFormViewModel vm = new CustomerFormViewModel(store, new SameThreadUiExecutor(), new ScriptedDialogs());
            vm.startNew();
            vm.nameProperty().set(nz(c.name()));
            vm.phoneProperty().set(nz(c.phone()));
            vm.emailProperty().set(nz(c.email()));
            vm.addressProperty().set(nz(c.address()));
            vm.notesProperty().set(nz(c.notes()));
            List<Customer> saved = new ArrayList<>();
            vm.save(saved::add, () -> { });
            TRIED.incrementAndGet();
            assertThat(saved).isEmpty();
            assertThat(vm.canSaveProperty().get()).isFalse();
            assertThat(vm.errorProperty(c.field()).get()).as("message beside %s", c.field()).isNotBlank();
            assertThat(snapshot()).as("nothing written").isEqualTo(before);
            REFUSED.incrementAndGet();
            REPORT.add("ui    | " + c + " -> " + vm.errorProperty(c.field()).get());
            // the same form still saves once the input is fixed
            vm.nameProperty().set("Fixed " + UUID.randomUUID());
            vm.phoneProperty().set("");
            vm.emailProperty().set("");
            vm.addressProperty().set("");
            vm.notesProperty().set("");
            vm.save(saved::add, () -> { });
            assertThat(saved).hasSize(1);
        }));
    }

    @TestFactory
    Stream<DynamicTest> thePaymentFormShowsTheMessageBesideTheFieldAndSavesNothing() {
        return BadInputCases.payments().stream().filter(c -> !c.noCustomer()).map(c -> dynamicTest(c.toString(), () -> {
            Snapshot before = snapshot();
            ShopContext shop = new ShopContext();
            store.getShop().ifPresent(shop::update);
            PaymentFormViewModel vm = new PaymentFormViewModel(store, new SameThreadUiExecutor(), new ScriptedDialogs(), shop);
            vm.startNew(payer.id());
            vm.amountProperty().set(nz(c.amount()));
            vm.methodProperty().set(c.method());
            vm.paidOnProperty().set(LocalDate.ofInstant(c.paidAt(), ZoneOffset.UTC));
            vm.referenceProperty().set(nz(c.reference()));
            vm.noteProperty().set(nz(c.note()));
            List<Payment> saved = new ArrayList<>();
            vm.save(saved::add, () -> { });
            TRIED.incrementAndGet();
            assertThat(saved).isEmpty();
            assertThat(vm.errorProperty(c.field()).get()).as("message beside %s", c.field()).isNotBlank();
            assertThat(snapshot()).as("nothing written").isEqualTo(before);
            REFUSED.incrementAndGet();
            REPORT.add("ui    | " + c + " -> " + vm.errorProperty(c.field()).get());
            vm.amountProperty().set("12.50");
            vm.methodProperty().set(PaymentMethod.UPI);
            vm.paidOnProperty().set(LocalDate.now(ZoneOffset.UTC).minusDays(1));
            vm.referenceProperty().set("");
            vm.noteProperty().set("");
            vm.save(saved::add, () -> { });
            assertThat(saved).hasSize(1);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theShopSettingsShowTheMessageBesideTheFieldAndSaveNothing() {
        return BadInputCases.shops().stream().map(c -> dynamicTest(c.toString(), () -> {
            Snapshot before = snapshot();
            ShopSettingsViewModel vm = new ShopSettingsViewModel(store, new SameThreadUiExecutor(), new ScriptedDialogs(),
                    new ShopContext());
            vm.load();
            ShopDraft d = c.draft();
            vm.field("name").set(nz(d.name()));
            vm.field("owner_name").set(nz(d.ownerName()));
            vm.field("email").set(nz(d.email()));
            vm.field("currency").set(nz(d.currency()));
            vm.field("timezone").set(nz(d.timezone()));
            vm.field("tax_id").set(nz(d.taxId()));
            vm.field("receipt_footer").set(nz(d.receiptFooter()));
            vm.save();
            TRIED.incrementAndGet();
            assertThat(vm.errorProperty(c.field()).get()).as("message beside %s", c.field()).isNotBlank();
            assertThat(snapshot()).as("nothing written").isEqualTo(before);
            REFUSED.incrementAndGet();
            REPORT.add("ui    | " + c + " -> " + vm.errorProperty(c.field()).get());
            vm.revert();
            vm.field("receipt_footer").set("Thanks " + UUID.randomUUID());
            vm.save();
            assertThat(snapshot()).as("a valid save still works").isNotEqualTo(before);
        }));
    }

    // ------------------------------------------------------------------ lookalikes are data, not attacks

    @Test
    void namesThatLookLikeInjectionAreStoredSearchedAndMirroredVerbatim() throws SQLException {
        List<Customer> created = new ArrayList<>();
        for (String name : BadInputCases.lookalikeNames()) {
            Customer c = store.createCustomer(new CustomerDraft(name, null, null, null, name.length() > 10 ? name : null));
            assertThat(c.name()).isEqualTo(name);
            assertThat(store.getCustomer(c.id()).orElseThrow().name()).isEqualTo(name);
            assertThat(store.searchCustomers(CustomerQuery.firstPage(name, 10)).items())
                    .anySatisfy(s -> assertThat(s.customer().id()).isEqualTo(c.id()));
            created.add(c);
        }
        assertThat(count("select count(*) from public.customers")).as("no table was dropped").isPositive();

        MongoSettings mongo = TestDatabases.freshMongo();
        try (MirrorService mirror = MirrorService.builder().database(db).mongo(mongo).build()) {
            assertThat(mirror.runUntilDrained(Duration.ofSeconds(60))).isTrue();
        }
        try (MongoClient client = MongoClients.create(mongo.uri())) {
            for (Customer c : created) {
                Document doc = client.getDatabase(mongo.database()).getCollection("customers")
                        .find(new Document("_id", c.id().toString())).first();
                assertThat(doc).as("copy of %s", c.name()).isNotNull();
                assertThat(doc.getString("name")).isEqualTo(c.name());
                assertThat(doc.getString("notes")).isEqualTo(c.notes());
            }
            // and the operator-looking names did not act as operators: one document each, found by equality
            assertThat(client.getDatabase(mongo.database()).getCollection("customers")
                    .countDocuments(new Document("name", "{\"$gt\": \"\"}"))).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private static PaymentDraft draft(PaymentCase c) {
        return new PaymentDraft(c.noCustomer() ? null : payer.id(), c.amount(), c.method(), c.reference(), c.note(), c.paidAt());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void refused(String layer, String label, String field, Runnable write) {
        Snapshot before = snapshot();
        TRIED.incrementAndGet();
        assertThatThrownBy(write::run)
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> {
                    ValidationException v = (ValidationException) e;
                    assertThat(v.hasErrorFor(field)).as("%s names %s: %s", label, field, v.errors()).isTrue();
                    FieldError err = v.errors().stream().filter(x -> x.field().equals(field)).findFirst().orElseThrow();
                    assertThat(err.message()).as("a sentence a person understands").hasSizeGreaterThan(10);
                    assertThat(e.getMessage()).contains(field);
                    REPORT.add(layer + " | " + label + " -> " + err.message());
                });
        assertThat(snapshot()).as("nothing written for %s", label).isEqualTo(before);
        REFUSED.incrementAndGet();
        // the app keeps working: a valid write goes through at once
        Customer ok = store.createCustomer(new CustomerDraft("Still Working " + UUID.randomUUID(), null, null, null, null));
        assertThat(store.getCustomer(ok.id())).isPresent();
    }

    /** Row counts, the sum of versions (any update bumps one), and the change log. */
    record Snapshot(long customers, long payments, long shops, long versions, long changeLog, long lastChange) {
    }

    private static Snapshot snapshot() {
        try {
            return new Snapshot(count("select count(*) from public.customers"), count("select count(*) from public.payments"),
                    count("select count(*) from public.shop"),
                    count("select coalesce((select sum(version) from public.customers), 0)"
                            + " + coalesce((select sum(version) from public.payments), 0)"
                            + " + coalesce((select sum(version) from public.shop), 0)"),
                    count("select count(*) from shoptwin.change_log"),
                    count("select coalesce(max(id), 0) from shoptwin.change_log"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
