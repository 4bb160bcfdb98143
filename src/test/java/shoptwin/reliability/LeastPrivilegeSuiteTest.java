package shoptwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.cli.ShopTwinCommand;
import shoptwin.config.MongoSettings;
import shoptwin.config.PostgresSettings;
import shoptwin.config.Settings;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ShopDraft;
import shoptwin.mirror.MirrorService;
import shoptwin.mirror.Restore;
import shoptwin.mirror.Resync;
import shoptwin.mirror.Verify;
import shoptwin.store.CustomerQuery;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.LeastPrivilege;
import shoptwin.testing.TestDatabases;

/**
 * A representative run of ShopTwin connected as {@code shoptwin_app} (after migrating as the owner
 * and applying sql/least-privilege.sql): the store, capture, the mirror, resync, verify, parked
 * retry, restore, and the command line. Nothing needs more than the role's grants.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeastPrivilegeSuiteTest {
    private static PostgresSettings app;
    private static Database db;
    private static PostgresShopStore store;
    private static MongoSettings mongo;
    private static MongoClient client;
    private static MongoDatabase copy;

    @BeforeAll
    static void migrateAsOwnerThenConnectAsApp() {
        PostgresSettings owner = TestDatabases.freshPostgres();
        try (Database ownerDb = new Database(owner, 2)) {
            ownerDb.migrate();
        }
        app = LeastPrivilege.grantAndConnectAsApp(owner);
        db = new Database(app, 4);
        store = new PostgresShopStore(db, false);
        mongo = TestDatabases.freshMongo();
        client = MongoClients.create(mongo.uri());
        copy = client.getDatabase(mongo.database());
    }

    @AfterAll
    static void close() {
        store.close();
        db.close();
        client.close();
    }

    @Test
    @Order(1)
    void theStoreWorksAsTheAppRoleAndEveryChangeIsCaptured() throws SQLException {
        assertThat(currentUser()).isEqualTo(LeastPrivilege.ROLE);
        store.saveShop(0, new ShopDraft("Least Shop", null, null, null, null, "INR", "Asia/Kolkata", null, null));
        Customer asha = store.createCustomer(new CustomerDraft("Asha Rao", "+91 98765 43210", null, null, null));
        Customer ravi = store.createCustomer(new CustomerDraft("Ravi Kumar", null, "ravi@example.com", null, null));
        asha = store.updateCustomer(asha.id(), asha.version(), new CustomerDraft("Asha R. Rao", null, null, "Pune", null));
        Payment p = store.createPayment(new PaymentDraft(asha.id(), "120.50", PaymentMethod.UPI, "UPI-1", null, Instant.now()));
        p = store.updatePayment(p.id(), p.version(), new PaymentDraft(asha.id(), "125.00", PaymentMethod.UPI, "UPI-1", "fixed", Instant.now()));
        Payment q = store.createPayment(new PaymentDraft(ravi.id(), "10.00", PaymentMethod.CASH, null, null, Instant.now()));
        store.deletePayment(q.id());
        store.deleteCustomer(ravi.id());
        assertThat(store.searchCustomers(CustomerQuery.firstPage("asha", 10)).items()).hasSize(1);
        assertThat(store.listPayments(asha.id()).payments()).hasSize(1);
        assertThat(store.getShop()).isPresent();
        assertThat(count("select count(*) from shoptwin.change_log")).as("captured").isGreaterThanOrEqualTo(9);
        // the new features as the app role: the payment sorts read the totals, imports, takings and receipts
        assertThat(store.searchCustomers(new CustomerQuery("", shoptwin.store.CustomerSort.TOTAL_PAID, false, 0, 5))
                .items().get(0).totalPaid()).isEqualByComparingTo("125.00");
        assertThat(store.existingContacts(shoptwin.store.CustomerContacts.of(
                new CustomerDraft("x", "+919876543210", null, null, null))).phoneDigits()).isEmpty(); // Asha's phone went
        assertThat(store.takings(Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(60),
                java.time.ZoneId.of("Asia/Kolkata"))).hasSize(1);
        assertThat(store.getPayment(p.id())).isPresent();
    }

    @Test
    @Order(5)
    void theAppRoleImportsAndReadsTheCustomerTotalsButCannotWriteThem() throws SQLException {
        assertThat(store.createCustomers(List.of(new CustomerDraft("Imported", "+91 90000 11111", null, null, null)))
                .created()).hasSize(1);
        assertThat(store.existingContacts(shoptwin.store.CustomerContacts.of(
                new CustomerDraft("x", "+919000011111", null, null, null))).phoneDigits()).containsExactly("919000011111");
        try (java.sql.Connection c = db.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeQuery("select count(*) from shoptwin.customer_totals").close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("update shoptwin.customer_totals set total_paid = 0"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    @Order(2)
    void theMirrorDrainsAsTheAppRole() throws SQLException {
        try (MirrorService mirror = MirrorService.builder().database(db).mongo(mongo).build()) {
            assertThat(mirror.runUntilDrained(Duration.ofSeconds(60))).isTrue();
            assertThat(mirror.retryParked(List.of())).as("parked retry needs its grants too").isZero();
        }
        assertThat(count("select count(*) from shoptwin.change_log")).isZero();
        assertThat(copy.getCollection("customers").countDocuments()).isEqualTo(1);
        assertThat(new Verify(db, copy).run().isEqual()).isTrue();
    }

    @Test
    @Order(3)
    void resyncVerifyAndRestoreWorkAsTheAppRole() throws Exception {
        copy.getCollection("customers").drop();
        assertThat(new Verify(db, copy).run().isEqual()).isFalse();
        new Resync(db, copy).run();
        try (MirrorService mirror = MirrorService.builder().database(db).mongo(mongo).build()) {
            assertThat(mirror.runUntilDrained(Duration.ofSeconds(60))).isTrue();
        }
        assertThat(new Verify(db, copy).run().isEqual()).isTrue();
        new Restore(db, copy).force(true).run();
        assertThat(new Verify(db, copy).run().isEqual()).isTrue();
    }

    @Test
    @Order(4)
    void theCommandLineWorksAsTheAppRole(@TempDir Path dir) {
        Map<String, String> env = Map.of(
                "SUPABASE_DB_URL", app.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + app.user() + ":"
                        + LeastPrivilege.TEST_PASSWORD + "@"),
                "MONGODB_URI", mongo.uri(), "MONGODB_DATABASE", mongo.database());
        for (List<String> command : List.of(List.of("migrate"), List.of("status"), List.of("mirror", "--once", "--timeout", "30"),
                List.of("verify"), List.of("resync"), List.of("parked"), List.of("parked", "retry", "--all"), List.of("verify"))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = ShopTwinCommand.run(() -> Settings.load(env, dir, dir.resolve("config")), new PrintWriter(out, true),
                    new PrintWriter(err, true), command.toArray(String[]::new));
            assertThat(exit).as("shoptwin %s as shoptwin_app: %s %s", command, out, err).isZero();
        }
    }

    private static String currentUser() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
