package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.domain.ValidationException;
import shoptwin.store.ShopStore;

/** Each validation rule refuses through the store, names the field, and writes nothing at all. */
class ValidationRefusalTest {
    private static Database db;
    private static PostgresShopStore store;
    private static Customer customer;
    private static Payment payment;
    private static Shop shop;

    @BeforeAll
    static void setUp() {
        db = ShopTables.migratedDatabase();
        store = new PostgresShopStore(db, true);
        customer = store.createCustomer(new CustomerDraft("Existing", null, null, null, null));
        payment = store.createPayment(new PaymentDraft(customer.id(), "10", PaymentMethod.CASH, null, null, Instant.now()));
        shop = store.saveShop(ShopStore.ANY_VERSION, new ShopDraft("Shop", null, null, null, null, "USD", "UTC", null, null));
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    private static CustomerDraft c(String name, String phone, String email, String address, String notes) {
        return new CustomerDraft(name, phone, email, address, notes);
    }

    private static PaymentDraft p(String amount, PaymentMethod method, String reference, String note, Instant paidAt) {
        return new PaymentDraft(customer.id(), amount, method, reference, note, paidAt);
    }

    private static ShopDraft s(String name, String email, String currency, String timezone, String taxId) {
        return new ShopDraft(name, null, null, email, null, currency, timezone, taxId, null);
    }

    private static Arguments refused(String rule, String field, Consumer<ShopStore> write) {
        return Arguments.of(Named.of(rule, write), field);
    }

    static Stream<Arguments> refusals() {
        Instant now = Instant.now();
        String longText = "x".repeat(2001);
        return Stream.of(
                refused("customer name required", "name", st -> st.createCustomer(c("  ", null, null, null, null))),
                refused("customer name null", "name", st -> st.createCustomer(c(null, null, null, null, null))),
                refused("customer name over 200", "name", st -> st.createCustomer(c("n".repeat(201), null, null, null, null))),
                refused("customer name control char", "name", st -> st.createCustomer(c("Bad\u0007Name", null, null, null, null))),
                refused("customer name line break", "name", st -> st.createCustomer(c("Two\nLines", null, null, null, null))),
                refused("customer name lone surrogate", "name", st -> st.createCustomer(c("Bad\uD800", null, null, null, null))),
                refused("phone letters", "phone", st -> st.createCustomer(c("Ok", "call me", null, null, null))),
                refused("phone too few digits", "phone", st -> st.createCustomer(c("Ok", "12345", null, null, null))),
                refused("phone too many digits", "phone", st -> st.createCustomer(c("Ok", "1234567890123456", null, null, null))),
                refused("email shape", "email", st -> st.createCustomer(c("Ok", null, "not-an-email", null, null))),
                refused("email no domain dot", "email", st -> st.createCustomer(c("Ok", null, "a@b", null, null))),
                refused("address over 500", "address", st -> st.createCustomer(c("Ok", null, null, "a".repeat(501), null))),
                refused("notes over 2000", "notes", st -> st.createCustomer(c("Ok", null, null, null, longText))),
                refused("notes control char", "notes", st -> st.createCustomer(c("Ok", null, null, null, "bell\u0007"))),
                refused("customer update invalid", "email", st -> st.updateCustomer(customer.id(), customer.version(), c("Existing", null, "bad@", null, null))),
                refused("amount blank", "amount", st -> st.createPayment(p(" ", PaymentMethod.CASH, null, null, now))),
                refused("amount not a number", "amount", st -> st.createPayment(p("abc", PaymentMethod.CASH, null, null, now))),
                refused("amount NaN", "amount", st -> st.createPayment(p("NaN", PaymentMethod.CASH, null, null, now))),
                refused("amount exponent", "amount", st -> st.createPayment(p("1e3", PaymentMethod.CASH, null, null, now))),
                refused("amount zero", "amount", st -> st.createPayment(p("0", PaymentMethod.CASH, null, null, now))),
                refused("amount negative", "amount", st -> st.createPayment(p("-5", PaymentMethod.CASH, null, null, now))),
                refused("amount three decimals", "amount", st -> st.createPayment(p("1.234", PaymentMethod.CASH, null, null, now))),
                refused("amount beyond numeric(12,2)", "amount", st -> st.createPayment(p("10000000000", PaymentMethod.CASH, null, null, now))),
                refused("method required", "method", st -> st.createPayment(p("1", null, null, null, now))),
                refused("customer required", "customer_id", st -> st.createPayment(new PaymentDraft(null, "1", PaymentMethod.CASH, null, null, now))),
                refused("paid_at required", "paid_at", st -> st.createPayment(p("1", PaymentMethod.CASH, null, null, null))),
                refused("paid_at in the future", "paid_at", st -> st.createPayment(p("1", PaymentMethod.CASH, null, null, now.plus(3, ChronoUnit.DAYS)))),
                refused("paid_at before 1900", "paid_at", st -> st.createPayment(p("1", PaymentMethod.CASH, null, null, Instant.parse("1899-12-31T00:00:00Z")))),
                refused("reference over 100", "reference", st -> st.createPayment(p("1", PaymentMethod.CASH, "r".repeat(101), null, now))),
                refused("reference line break", "reference", st -> st.createPayment(p("1", PaymentMethod.CASH, "a\nb", null, now))),
                refused("note over 500", "note", st -> st.createPayment(p("1", PaymentMethod.CASH, null, "n".repeat(501), now))),
                refused("payment update invalid", "amount", st -> st.updatePayment(payment.id(), payment.version(), p("-1", PaymentMethod.CASH, null, null, now))),
                refused("shop name required", "name", st -> st.saveShop(shop.version(), s("", null, "USD", "UTC", null))),
                refused("shop currency unknown", "currency", st -> st.saveShop(shop.version(), s("Shop", null, "XYZ", "UTC", null))),
                refused("shop currency shape", "currency", st -> st.saveShop(shop.version(), s("Shop", null, "US", "UTC", null))),
                refused("shop currency required", "currency", st -> st.saveShop(shop.version(), s("Shop", null, null, "UTC", null))),
                refused("shop timezone unknown", "timezone", st -> st.saveShop(shop.version(), s("Shop", null, "USD", "Mars/Olympus", null))),
                refused("shop timezone required", "timezone", st -> st.saveShop(shop.version(), s("Shop", null, "USD", " ", null))),
                refused("shop email", "email", st -> st.saveShop(shop.version(), s("Shop", "nope", "USD", "UTC", null))),
                refused("shop tax id over 50", "tax_id", st -> st.saveShop(shop.version(), s("Shop", null, "USD", "UTC", "t".repeat(51)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesNamingTheFieldAndWritesNothing(Consumer<ShopStore> write, String field) {
        List<Long> before = snapshot();
        assertThatThrownBy(() -> write.accept(store))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasErrorFor(field)).as("error for %s in %s", field, e.errors()).isTrue();
                    assertThat(e.getMessage()).isNotBlank();
                });
        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.getCustomer(customer.id())).contains(customer);
        assertThat(store.getShop()).contains(shop);
        assertThat(store.listPayments(customer.id()).payments()).containsExactly(payment);
    }

    private static List<Long> snapshot() {
        return List.of(ShopTables.count(db, "public.customers"), ShopTables.count(db, "public.payments"),
                ShopTables.count(db, "public.shop"), ShopTables.count(db, "shoptwin.change_log"),
                ShopTables.queryLong(db, "select coalesce(max(id), 0) from shoptwin.change_log"));
    }
}
