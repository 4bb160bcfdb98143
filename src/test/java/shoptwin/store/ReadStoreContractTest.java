package shoptwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;

/**
 * What every read store must answer for the same data: the PostgreSQL store and the MongoDB copy
 * run this same suite, so switching the console to the backup shows the same lists, in the same
 * order, with the same totals. Subclasses put {@link Dataset#standard()} into their store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReadStoreContractTest {
    protected final Dataset data = Dataset.standard();
    private ShopStore store;

    /** A store holding exactly {@code dataset} (and nothing else). */
    protected abstract ShopStore storeWith(Dataset dataset) throws Exception;

    @BeforeAll
    void seed() throws Exception {
        store = storeWith(data);
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private Page<CustomerSummary> search(String text) {
        return store.searchCustomers(new CustomerQuery(text, CustomerSort.NAME, true, 0, CustomerQuery.MAX_LIMIT));
    }

    private static List<String> names(Page<CustomerSummary> page) {
        return page.items().stream().map(s -> s.customer().name()).toList();
    }

    // ------------------------------------------------------------------ search

    @Test
    void blankSearchListsEveryone() {
        Page<CustomerSummary> page = search("   ");
        assertThat(page.total()).isEqualTo(data.customers().size());
        assertThat(page.items()).hasSize(data.customers().size());
    }

    @Test
    void searchFindsByNameCaseInsensitiveAnywhereInTheName() {
        assertThat(names(search("ASHA"))).containsExactly("Asha Patel", "asha verma");
        assertThat(names(search("patel"))).containsExactly("Asha Patel");
        assertThat(names(search("o'bri"))).containsExactly("Bob O'Brien");
        assertThat(search("ASHA").total()).isEqualTo(2);
    }

    @Test
    void searchFindsByPhoneFragment() {
        assertThat(names(search("98765"))).containsExactly("Asha Patel");
        assertThat(names(search("7946 0"))).containsExactly("Bob O'Brien");
    }

    @Test
    void aPhoneNumberTypedWithoutSpacesFindsThePhoneStoredWithThem() {
        // stored "+91 98765 43210": people type it every way
        assertThat(names(search("+919876543210"))).containsExactly("Asha Patel");
        assertThat(names(search("+9198765"))).containsExactly("Asha Patel");
        assertThat(names(search("9876543210"))).containsExactly("Asha Patel");
        assertThat(names(search("98765-43210"))).containsExactly("Asha Patel");
        assertThat(names(search("(020) 7946-0000"))).containsExactly("Bob O'Brien");
        assertThat(names(search("7005550101"))).containsExactly("Customer 01");
        assertThat(search("+919876543210").total()).isEqualTo(1);
    }

    @Test
    void digitsMatchOnlyWhenTheTextIsAPhoneNumber() {
        // letters make it a name search: "asha 98" is nobody's name, phone or e-mail
        assertThat(search("asha 98").total()).isZero();
        // the digits must be consecutive in the phone, whatever separates them there
        assertThat(search("+91 12345").total()).isZero();
        assertThat(names(search("5550104"))).containsExactly("Customer 04", "Émile Zola"); // 700-555-0104 and 555-0104
    }

    @Test
    void topCustomersByTotalPaidComeFirstDescending() {
        Page<CustomerSummary> page = store.searchCustomers(new CustomerQuery("", CustomerSort.TOTAL_PAID, false, 0, 3));
        assertThat(names(page)).containsExactly("Asha Patel", "Customer 05", "Bob O'Brien");
        assertThat(page.items().get(0).totalPaid()).isEqualByComparingTo("1350.50");
        Page<CustomerSummary> recent = store.searchCustomers(new CustomerQuery("", CustomerSort.LAST_PAID, false, 0, 3));
        assertThat(names(recent)).containsExactly("Bob O'Brien", "Customer 05", "Asha Patel");
        // a search sorted by total paid: only the matches, in that order
        Page<CustomerSummary> ashas = store.searchCustomers(new CustomerQuery("asha", CustomerSort.TOTAL_PAID, true, 0, 10));
        assertThat(names(ashas)).containsExactly("asha verma", "Asha Patel");
        assertThat(ashas.total()).isEqualTo(2);
    }

    @Test
    void searchFindsByEmailCaseInsensitive() {
        assertThat(names(search("AVERMA@SHOP"))).containsExactly("asha verma");
        assertThat(names(search("emile@example"))).containsExactly("Émile Zola");
        assertThat(names(search("@mail.example")).size()).isEqualTo(
                (int) data.customers().stream().filter(c -> c.email() != null && c.email().contains("@mail.example")).count());
    }

    @Test
    void searchWithoutMatchIsEmptyWithZeroTotal() {
        Page<CustomerSummary> page = search("no such customer anywhere");
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.hasNext()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "_", "100%", "Co_op"})
    void likeWildcardsAreMatchedLiterally(String text) {
        List<String> expected = data.customers().stream()
                .filter(c -> contains(c, text)).map(Customer::name).sorted(Comparator.comparing(String::toLowerCase)).toList();
        assertThat(names(search(text))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).isNotEmpty();
        assertThat(expected.size()).isLessThan(data.customers().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {".*", "(", "(Test)", "$where", "{\"$gt\": \"\"}", "\\", "[bracket]", "^caret|", "?", ".Star", "\\E"})
    void regexAndOperatorTextIsMatchedLiterally(String text) {
        List<String> expected = data.customers().stream()
                .filter(c -> contains(c, text)).map(Customer::name).toList();
        assertThat(names(search(text))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(search(text).total()).isEqualTo(expected.size());
    }

    @Test
    void aWouldBeOperatorFindsOnlyTheCustomerWhoseNameHoldsIt() {
        assertThat(names(search("{\"$gt\": \"\"}"))).containsExactly("{\"$gt\": \"\"} Traders");
        assertThat(names(search(".*"))).isEmpty();
    }

    private static boolean contains(Customer c, String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return c.name().toLowerCase(java.util.Locale.ROOT).contains(t)
                || c.phone() != null && c.phone().toLowerCase(java.util.Locale.ROOT).contains(t)
                || c.email() != null && c.email().toLowerCase(java.util.Locale.ROOT).contains(t);
    }

    // ------------------------------------------------------------------ sorting and paging

    @ParameterizedTest
    @EnumSource(CustomerSort.class)
    void sortsAscendingWithMissingValuesFirstAndTiesById(CustomerSort sort) {
        assertSortedLike(sort, true);
    }

    @ParameterizedTest
    @EnumSource(CustomerSort.class)
    void sortsDescendingWithMissingValuesLast(CustomerSort sort) {
        assertSortedLike(sort, false);
    }

    private void assertSortedLike(CustomerSort sort, boolean ascending) {
        Page<CustomerSummary> page = store.searchCustomers(new CustomerQuery("", sort, ascending, 0, CustomerQuery.MAX_LIMIT));
        List<UUID> expected = data.sorted(sort, ascending).stream().map(Customer::id).toList();
        assertThat(page.items().stream().map(s -> s.customer().id()).toList())
                .as("order by %s %s", sort, ascending ? "asc" : "desc")
                .containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(CustomerSort.class)
    void pagingWalksTheWholeListOnceInOrder(CustomerSort sort) {
        for (boolean ascending : new boolean[] {true, false}) {
            List<UUID> walked = new ArrayList<>();
            int offset = 0;
            Page<CustomerSummary> page;
            do {
                page = store.searchCustomers(new CustomerQuery("", sort, ascending, offset, 7));
                assertThat(page.total()).isEqualTo(data.customers().size());
                assertThat(page.items().size()).isLessThanOrEqualTo(7);
                page.items().forEach(s -> walked.add(s.customer().id()));
                offset += 7;
            } while (page.hasNext());
            assertThat(walked).containsExactlyElementsOf(
                    data.sorted(sort, ascending).stream().map(Customer::id).toList());
        }
    }

    @Test
    void aPageOfASearchCountsAllMatches() {
        Page<CustomerSummary> first = store.searchCustomers(new CustomerQuery("customer", CustomerSort.NAME, true, 0, 5));
        assertThat(first.items()).hasSize(5);
        assertThat(first.total()).isEqualTo(14);
        assertThat(first.hasNext()).isTrue();
        assertThat(names(first)).containsExactly("Customer 01", "Customer 02", "Customer 03", "Customer 04", "Customer 05");
        Page<CustomerSummary> last = store.searchCustomers(new CustomerQuery("customer", CustomerSort.NAME, true, 10, 5));
        assertThat(names(last)).containsExactly("Customer 11", "Customer 12", "Customer 13", "Customer 14");
        assertThat(last.hasNext()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = CustomerSort.class, names = {"NAME", "PHONE", "EMAIL", "TOTAL_PAID", "LAST_PAID", "CREATED_AT"})
    void aCustomersPositionIsWhereTheListShowsIt(CustomerSort sort) {
        for (boolean ascending : new boolean[] {true, false}) {
            for (String text : new String[] {"", "customer"}) {
                List<CustomerSummary> listed = store.searchCustomers(new CustomerQuery(text, sort, ascending, 0, CustomerQuery.MAX_LIMIT)).items();
                for (int i = 0; i < listed.size(); i++) {
                    assertThat(store.customerPosition(new CustomerQuery(text, sort, ascending, 0, 50), listed.get(i).customer().id()))
                            .as("%s %s '%s' #%d", sort, ascending ? "asc" : "desc", text, i).hasValue(i);
                }
            }
        }
    }

    @Test
    void aCustomerOutsideTheSearchHasNoPosition() {
        UUID asha = search("Asha Patel").items().get(0).customer().id();
        assertThat(store.customerPosition(new CustomerQuery("bob", CustomerSort.NAME, true, 0, 50), asha)).isEmpty();
        assertThat(store.customerPosition(new CustomerQuery("", CustomerSort.NAME, true, 0, 50), UUID.randomUUID())).isEmpty();
    }

    @Test
    void aPageBeyondTheEndIsEmptyButKeepsTheTotal() {
        Page<CustomerSummary> page = store.searchCustomers(new CustomerQuery("", CustomerSort.NAME, true, 1000, 10));
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(data.customers().size());
    }

    // ------------------------------------------------------------------ totals

    @Test
    void eachRowCarriesItsCustomersTotalsAndLastPayment() {
        for (CustomerSummary s : search("").items()) {
            List<Payment> ps = data.paymentsOf(s.customer().id());
            BigDecimal total = ps.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            Instant last = ps.stream().map(Payment::paidAt).max(Comparator.naturalOrder()).orElse(null);
            assertThat(s.totalPaid()).as(s.customer().name()).isEqualByComparingTo(total);
            assertThat(s.paymentCount()).as(s.customer().name()).isEqualTo(ps.size());
            assertThat(s.lastPaymentAt()).as(s.customer().name()).isEqualTo(last);
        }
        CustomerSummary asha = search("Asha Patel").items().get(0);
        assertThat(asha.totalPaid()).isEqualByComparingTo("1350.50");
        assertThat(asha.paymentCount()).isEqualTo(3);
    }

    @Test
    void customersAreReadFieldForField() {
        for (Customer expected : data.customers()) {
            assertThat(store.getCustomer(expected.id())).contains(expected);
        }
        Customer fromList = search("Asha Patel").items().get(0).customer();
        assertThat(fromList).isEqualTo(data.customerNamed("Asha Patel"));
    }

    @Test
    void anUnknownCustomerIsEmpty() {
        assertThat(store.getCustomer(UUID.randomUUID())).isEmpty();
    }

    // ------------------------------------------------------------------ payments

    @Test
    void paymentsAreListedNewestFirstWithTheirTotal() {
        Customer asha = data.customerNamed("Asha Patel");
        PaymentHistory history = store.listPayments(asha.id());
        List<Payment> expected = data.paymentsOf(asha.id()).stream()
                .sorted(Comparator.comparing(Payment::paidAt).reversed()).toList();
        assertThat(history.payments()).containsExactlyElementsOf(expected);
        assertThat(history.total()).isEqualByComparingTo("1350.50");
        assertThat(history.payments().get(0).amount()).isEqualTo(new BigDecimal("99.99"));
        assertThat(store.countPayments(asha.id())).isEqualTo(3);
    }

    @Test
    void aCustomerWithoutPaymentsHasAnEmptyHistoryAndZeroTotal() {
        Customer charlie = data.customerNamed("Charlie");
        PaymentHistory history = store.listPayments(charlie.id());
        assertThat(history.payments()).isEmpty();
        assertThat(history.total()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(store.countPayments(charlie.id())).isZero();
    }

    @Test
    void listingThePaymentsOfAnUnknownCustomerSaysTheCustomerIsGone() {
        assertThatThrownBy(() -> store.listPayments(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    // ------------------------------------------------------------------ shop

    @Test
    void aPaymentIsReadFieldForFieldById() {
        for (Payment p : data.payments()) {
            assertThat(store.getPayment(p.id())).contains(p);
        }
        assertThat(store.getPayment(UUID.randomUUID())).isEmpty();
    }

    @Test
    void takingsArePerShopDayAndMethodExactly() {
        // the standard payments fall on 6, 7, 8, 9, 10 and 15 January 2026 at 09:00 UTC (14:30 in Kolkata)
        java.time.ZoneId kolkata = java.time.ZoneId.of("Asia/Kolkata");
        List<TakingsRow> rows = store.takings(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), kolkata);
        assertThat(rows).containsExactlyElementsOf(TakingsRow.tally(data.payments(), kolkata));
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).total()).isEqualByComparingTo("1250.50");
        assertThat(rows.get(0).method()).isEqualTo(shoptwin.domain.PaymentMethod.UPI);
        // [from, to): the bound is the instant, not the day
        assertThat(store.takings(Instant.parse("2026-01-06T09:00:00.124Z"), Instant.parse("2026-01-07T09:00:00.123Z"), kolkata))
                .isEmpty();
    }

    @Test
    void theShopIsReadFieldForField() {
        assertThat(store.getShop()).isEqualTo(data.shopRow());
    }
}
