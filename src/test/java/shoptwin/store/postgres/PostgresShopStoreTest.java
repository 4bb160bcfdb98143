package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.ConflictException;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.DeletedCustomer;
import shoptwin.store.NotFoundException;
import shoptwin.store.Page;
import shoptwin.store.PaymentHistory;
import shoptwin.store.ShopStore;

class PostgresShopStoreTest {
    private final Database db = ShopTables.migratedDatabase();
    @AutoClose
    private final PostgresShopStore store = new PostgresShopStore(db, true);

    private Customer customer(String name, String phone, String email) {
        return store.createCustomer(new CustomerDraft(name, phone, email, null, null));
    }

    private Payment pay(Customer c, String amount, Instant paidAt) {
        return store.createPayment(new PaymentDraft(c.id(), amount, PaymentMethod.CASH, null, null, paidAt));
    }

    // ---------------------------------------------------------------- customers

    @Test
    void createdCustomerIsTrimmedStampedAndReadable() {
        Customer c = store.createCustomer(new CustomerDraft("  Asha Rao ", " +91 98765 43210 ", "asha@example.com", "", "  "));
        assertThat(c.id()).isNotNull();
        assertThat(c.name()).isEqualTo("Asha Rao");
        assertThat(c.phone()).isEqualTo("+91 98765 43210");
        assertThat(c.address()).isNull();
        assertThat(c.notes()).isNull();
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.createdAt()).isEqualTo(c.updatedAt());
        assertThat(c.createdAt().getNano() % 1_000_000).isZero(); // millisecond precision
        assertThat(store.getCustomer(c.id())).contains(c);
        assertThat(store.getCustomer(UUID.randomUUID())).isEmpty();
    }

    @Test
    void updateBumpsVersionAndKeepsCreatedAt() {
        Customer c = customer("Ben", null, null);
        Customer u = store.updateCustomer(c.id(), c.version(), new CustomerDraft("Ben Okafor", "0123456789", null, "1 Road", "vip"));
        assertThat(u.name()).isEqualTo("Ben Okafor");
        assertThat(u.version()).isEqualTo(2);
        assertThat(u.createdAt()).isEqualTo(c.createdAt());
        assertThat(u.updatedAt()).isAfterOrEqualTo(c.updatedAt());
        assertThat(store.getCustomer(c.id())).contains(u);
    }

    @Test
    void concurrentUpdateIsAConflictCarryingTheCurrentRow() {
        Customer loaded = customer("Chen", null, null);
        Customer theirs = store.updateCustomer(loaded.id(), loaded.version(), new CustomerDraft("Chen Wei", null, null, null, null));

        assertThatThrownBy(() -> store.updateCustomer(loaded.id(), loaded.version(), new CustomerDraft("Chen W.", null, null, null, null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat((Customer) e.current()).isEqualTo(theirs));
        assertThat(store.getCustomer(loaded.id())).contains(theirs);
    }

    @Test
    void overwriteWithAnyVersionReplacesTheOtherPersonsChange() {
        Customer loaded = customer("Dana", null, null);
        store.updateCustomer(loaded.id(), loaded.version(), new CustomerDraft("Dana X", null, null, null, null));
        Customer mine = store.updateCustomer(loaded.id(), ShopStore.ANY_VERSION, new CustomerDraft("Dana Y", null, null, null, null));
        assertThat(mine.name()).isEqualTo("Dana Y");
        assertThat(mine.version()).isEqualTo(3);
    }

    @Test
    void updatingOrDeletingAGoneCustomerIsNotFound() {
        Customer c = customer("Eve", null, null);
        store.deleteCustomer(c.id());
        assertThatThrownBy(() -> store.updateCustomer(c.id(), c.version(), c.toDraft())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.deleteCustomer(c.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.listPayments(c.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteCustomerTellsHowManyPaymentsWentWithIt() {
        Customer c = customer("Farah", null, null);
        Customer other = customer("Gus", null, null);
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        pay(c, "10", t);
        pay(c, "20.50", t);
        pay(other, "5", t);
        assertThat(store.countPayments(c.id())).isEqualTo(2);

        DeletedCustomer deleted = store.deleteCustomer(c.id());

        assertThat(deleted).isEqualTo(new DeletedCustomer(c.id(), 2));
        assertThat(store.getCustomer(c.id())).isEmpty();
        assertThat(ShopTables.count(db, "public.payments")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- payments

    @Test
    void paymentsAreListedNewestFirstWithTheirTotal() {
        Customer c = customer("Hana", null, null);
        Instant now = Instant.now();
        Payment older = pay(c, "10.10", now.minus(2, ChronoUnit.DAYS));
        Payment newer = store.createPayment(new PaymentDraft(c.id(), "1,000.5", PaymentMethod.UPI, "UTR123", "first\nsecond", now.minus(1, ChronoUnit.HOURS)));
        assertThat(newer.amount()).isEqualByComparingTo("1000.50");
        assertThat(newer.amount().scale()).isEqualTo(2);
        assertThat(newer.method()).isEqualTo(PaymentMethod.UPI);
        assertThat(newer.paidAt()).isEqualTo(now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));

        PaymentHistory history = store.listPayments(c.id());
        assertThat(history.payments()).containsExactly(newer, older);
        assertThat(history.total()).isEqualByComparingTo("1010.60");
        assertThat(store.listPayments(customer("Nobody-paid", null, null).id()).total()).isEqualByComparingTo("0");
    }

    @Test
    void paymentUpdateConflictAndOverwrite() {
        Customer c = customer("Ivan", null, null);
        Payment p = pay(c, "10", Instant.now().minusSeconds(60));
        Payment theirs = store.updatePayment(p.id(), p.version(), new PaymentDraft(c.id(), "11", PaymentMethod.CARD, null, null, p.paidAt()));
        assertThat(theirs.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.updatePayment(p.id(), p.version(), p.toDraft()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat((Payment) e.current()).isEqualTo(theirs));
        Payment mine = store.updatePayment(p.id(), ShopStore.ANY_VERSION, p.toDraft());
        assertThat(mine.amount()).isEqualByComparingTo("10");
        assertThat(mine.version()).isEqualTo(3);
    }

    @Test
    void paymentForAMissingCustomerIsNotFoundAndWritesNothing() {
        long before = ShopTables.count(db, "shoptwin.change_log");
        assertThatThrownBy(() -> store.createPayment(new PaymentDraft(UUID.randomUUID(), "10", PaymentMethod.CASH, null, null, Instant.now())))
                .isInstanceOf(NotFoundException.class);
        assertThat(ShopTables.count(db, "public.payments")).isZero();
        assertThat(ShopTables.count(db, "shoptwin.change_log")).isEqualTo(before);
    }

    @Test
    void deletingAPaymentTwiceIsNotFound() {
        Customer c = customer("Jo", null, null);
        Payment p = pay(c, "3", Instant.now());
        store.deletePayment(p.id());
        assertThat(store.listPayments(c.id()).payments()).isEmpty();
        assertThatThrownBy(() -> store.deletePayment(p.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.updatePayment(p.id(), p.version(), p.toDraft())).isInstanceOf(NotFoundException.class);
    }

    // ---------------------------------------------------------------- shop

    @Test
    void shopIsCreatedOnFirstSaveThenUpdatedWithVersionCheck() {
        assertThat(store.getShop()).isEmpty();
        ShopDraft draft = new ShopDraft("Corner Store", "Kiran", null, "shop@example.com", null, "inr", " Asia/Kolkata ", null, "Thank you!");
        Shop created = store.saveShop(ShopStore.ANY_VERSION, draft);
        assertThat(created.currency()).isEqualTo("INR");
        assertThat(created.timezone()).isEqualTo("Asia/Kolkata");
        assertThat(created.version()).isEqualTo(1);
        assertThat(store.getShop()).contains(created);

        Shop updated = store.saveShop(created.version(), new ShopDraft("Corner Store 2", null, null, null, null, "EUR", "Europe/Berlin", null, null));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.id()).isEqualTo(created.id());
        assertThatThrownBy(() -> store.saveShop(created.version(), draft))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat((Shop) e.current()).isEqualTo(updated));
        assertThat(store.saveShop(ShopStore.ANY_VERSION, draft).version()).isEqualTo(3);
        assertThat(ShopTables.count(db, "public.shop")).isEqualTo(1);
    }

    @Test
    void twoDesktopsCreatingTheShopsRowAtOnceMakeTheLaterOneAConflictCarryingTheFirstRow() throws Exception {
        try (Connection otherDesktop = db.dataSource().getConnection()) {
            otherDesktop.setAutoCommit(false);
            try (Statement s = otherDesktop.createStatement()) {
                s.executeUpdate("insert into public.shop (name) values ('Other desk')");
            }
            ShopDraft mine = new ShopDraft("Corner Store", null, null, null, null, "USD", "UTC", null, null);
            CompletableFuture<Shop> save = CompletableFuture.supplyAsync(() -> store.saveShop(0, mine));
            // ours finds no row, inserts, and waits on the one-row index for the other transaction
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForALock(db));
            otherDesktop.commit();

            assertThatThrownBy(save::join).hasCauseInstanceOf(ConflictException.class)
                    .cause().satisfies(e -> assertThat(((ConflictException) e).<Shop>current().name()).isEqualTo("Other desk"));
        }
        assertThat(ShopTables.count(db, "public.shop")).isEqualTo(1);
    }

    private static boolean waitingForALock(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_locks where not granted")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    @Test
    void describeNamesTheDatabaseWithoutPassword() {
        assertThat(store.describe()).startsWith("PostgreSQL (localhost:");
        assertThat(store.isReadOnly()).isFalse();
    }

    // ---------------------------------------------------------------- search

    @Test
    void searchIsCaseInsensitiveInfixOverNamePhoneAndEmail() {
        Customer asha = customer("Asha Rao", "+91 98765 43210", "asha@example.com");
        Customer bob = customer("Bob Marsh", "020 7946 0000", "bob@shop.test");
        Customer rachel = customer("rachel ASH", null, null);

        assertThat(names(search("ASH"))).containsExactly("Asha Rao", "rachel ASH");
        assertThat(names(search("7946"))).containsExactly("Bob Marsh");
        assertThat(names(search("SHOP.TEST"))).containsExactly("Bob Marsh");
        assertThat(names(search(""))).hasSize(3);
        assertThat(search("zzz").items()).isEmpty();
        assertThat(search("zzz").total()).isZero();
        assertThat(List.of(asha, bob, rachel)).hasSize(3);
    }

    @Test
    void wildcardsAndSqlInSearchTextAreLiteral() {
        customer("100% Cotton", null, null);
        customer("1000 Cotton", null, null);
        customer("snake_case", null, null);
        customer("snakeXcase", null, null);
        customer("back\\slash", null, null);
        customer("O'Brien'; drop table customers; --", null, null);

        assertThat(names(search("100%"))).containsExactly("100% Cotton");
        assertThat(names(search("e_c"))).containsExactly("snake_case");
        assertThat(names(search("%"))).containsExactly("100% Cotton");
        assertThat(names(search("_"))).containsExactly("snake_case");
        assertThat(names(search("\\"))).containsExactly("back\\slash");
        assertThat(names(search("'; drop table customers; --"))).containsExactly("O'Brien'; drop table customers; --");
        assertThat(ShopTables.count(db, "public.customers")).isEqualTo(6);
    }

    @Test
    void pagingIsStableAndCountsTheWholeMatch() {
        for (int i = 0; i < 25; i++) {
            customer(String.format("Customer %02d", i), null, null);
        }
        customer("Same", null, null);
        customer("Same", null, null);
        Page<CustomerSummary> first = store.searchCustomers(new CustomerQuery("customer", CustomerSort.NAME, true, 0, 10));
        Page<CustomerSummary> third = store.searchCustomers(new CustomerQuery("customer", CustomerSort.NAME, true, 20, 10));
        assertThat(first.total()).isEqualTo(25);
        assertThat(names(first)).startsWith("Customer 00", "Customer 01").hasSize(10);
        assertThat(first.hasNext()).isTrue();
        assertThat(names(third)).containsExactly("Customer 20", "Customer 21", "Customer 22", "Customer 23", "Customer 24");
        assertThat(third.hasNext()).isFalse();

        List<CustomerSummary> same = search("same").items();
        assertThat(same.get(0).customer().id().toString()).isLessThan(same.get(1).customer().id().toString());
    }

    @Test
    void sortingByEachColumnBothWaysWithMissingValuesFirstWhenAscending() {
        Customer b = customer("beta", "222222", null);
        Customer a = customer("Alpha", null, "a@example.com");
        Customer c = customer("Charlie", "111111", "c@example.com");
        Customer z = customer("zed", "333333", "Z@example.com");

        // name: code-point order of lower(name)
        assertThat(sorted(CustomerSort.NAME, true)).containsExactly(a.id(), b.id(), c.id(), z.id());
        assertThat(sorted(CustomerSort.NAME, false)).containsExactly(z.id(), c.id(), b.id(), a.id());
        // phone: missing first ascending, last descending
        assertThat(sorted(CustomerSort.PHONE, true)).containsExactly(a.id(), c.id(), b.id(), z.id());
        assertThat(sorted(CustomerSort.PHONE, false)).containsExactly(z.id(), b.id(), c.id(), a.id());
        // email: binary order, so "Z@" sorts before "a@"
        assertThat(sorted(CustomerSort.EMAIL, true)).containsExactly(b.id(), z.id(), a.id(), c.id());
        assertThat(sorted(CustomerSort.EMAIL, false)).containsExactly(c.id(), a.id(), z.id(), b.id());
        // timestamps may tie within a millisecond: then the id decides
        java.util.Comparator<Customer> byCreated = java.util.Comparator.comparing(Customer::createdAt)
                .thenComparing(x -> x.id().toString());
        List<UUID> created = java.util.stream.Stream.of(a, b, c, z).sorted(byCreated).map(Customer::id).toList();
        assertThat(sorted(CustomerSort.CREATED_AT, true)).isEqualTo(created);
        List<UUID> createdDescending = new java.util.ArrayList<>(created);
        java.util.Collections.reverse(createdDescending);
        assertThat(sorted(CustomerSort.CREATED_AT, false)).isEqualTo(createdDescending);
        Customer moved = store.updateCustomer(b.id(), b.version(), new CustomerDraft("beta", "222222", null, "moved", null));
        java.util.Comparator<Customer> byUpdated = java.util.Comparator.comparing(Customer::updatedAt)
                .thenComparing(x -> x.id().toString());
        List<UUID> updated = java.util.stream.Stream.of(a, moved, c, z).sorted(byUpdated).map(Customer::id).toList();
        assertThat(sorted(CustomerSort.UPDATED_AT, true)).isEqualTo(updated);
    }

    @Test
    void pageRowsCarryTheirPaymentTotals() {
        Customer rich = customer("Rich", null, null);
        Customer none = customer("None", null, null);
        Instant last = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        pay(rich, "10.25", last.minus(1, ChronoUnit.DAYS));
        pay(rich, "4.75", last);

        List<CustomerSummary> rows = search("").items();
        CustomerSummary noneRow = rows.get(0);
        CustomerSummary richRow = rows.get(1);
        assertThat(noneRow.customer()).isEqualTo(none);
        assertThat(noneRow.totalPaid()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(noneRow.paymentCount()).isZero();
        assertThat(noneRow.lastPaymentAt()).isNull();
        assertThat(richRow.customer()).isEqualTo(rich);
        assertThat(richRow.totalPaid()).isEqualByComparingTo("15.00");
        assertThat(richRow.paymentCount()).isEqualTo(2);
        assertThat(richRow.lastPaymentAt()).isEqualTo(last);
    }

    private Page<CustomerSummary> search(String text) {
        return store.searchCustomers(new CustomerQuery(text, CustomerSort.NAME, true, 0, 100));
    }

    private List<UUID> sorted(CustomerSort sort, boolean ascending) {
        return store.searchCustomers(new CustomerQuery("", sort, ascending, 0, 100)).items().stream()
                .map(s -> s.customer().id()).toList();
    }

    private static List<String> names(Page<CustomerSummary> page) {
        return page.items().stream().map(s -> s.customer().name()).toList();
    }
}
