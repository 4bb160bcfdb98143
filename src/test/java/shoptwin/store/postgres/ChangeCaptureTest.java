package shoptwin.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ShopDraft;
import shoptwin.store.ShopStore;
import shoptwin.store.postgres.ShopTables.Change;

/** Every insert, update and delete, by the store or by plain SQL, lands in the change log with its transaction. */
class ChangeCaptureTest {
    private final Database db = ShopTables.migratedDatabase();
    @AutoClose
    private final PostgresShopStore store = new PostgresShopStore(db, true);

    private Connection plainConnection() throws SQLException {
        Properties p = new Properties();
        if (db.settings().user() != null) {
            p.setProperty("user", db.settings().user());
        }
        if (db.settings().password() != null) {
            p.setProperty("password", db.settings().password());
        }
        return DriverManager.getConnection(db.settings().jdbcUrl(), p);
    }

    @Test
    void storeWritesAreCapturedWithFullRowImagesInOrder() {
        Customer c = store.createCustomer(new CustomerDraft("Asha", "0123456789", null, null, null));
        Customer u = store.updateCustomer(c.id(), c.version(), new CustomerDraft("Asha Rao", "0123456789", null, null, null));
        Payment p = store.createPayment(new PaymentDraft(c.id(), "12.50", PaymentMethod.CARD, null, null, Instant.now()));
        store.saveShop(ShopStore.ANY_VERSION, new ShopDraft("Shop", null, null, null, null, "USD", "UTC", null, null));
        store.deleteCustomer(c.id());

        List<Change> log = ShopTables.changes(db);
        assertThat(log).extracting(Change::table, Change::op).startsWith(
                org.assertj.core.groups.Tuple.tuple("customers", "INSERT"),
                org.assertj.core.groups.Tuple.tuple("customers", "UPDATE"),
                org.assertj.core.groups.Tuple.tuple("payments", "INSERT"),
                org.assertj.core.groups.Tuple.tuple("shop", "INSERT"));
        assertThat(log.get(0).rowId()).isEqualTo(c.id().toString());
        assertThat(log.get(0).rowData()).contains("\"name\": \"Asha\"", "\"version\": 1", "\"phone\": \"0123456789\"");
        assertThat(log.get(1).rowData()).contains("\"name\": \"Asha Rao\"", "\"version\": " + u.version());
        assertThat(log.get(2).rowData()).contains("\"amount\": 12.50", "\"method\": \"card\"");
        // the customer's delete and its cascade to the payment, each logged with just the key
        // (their relative order is PostgreSQL's trigger order; only the order per row matters)
        assertThat(log.subList(4, log.size())).extracting(Change::table, Change::op, Change::rowId, Change::rowData)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("payments", "DELETE", p.id().toString(), "{\"id\": \"" + p.id() + "\"}"),
                        org.assertj.core.groups.Tuple.tuple("customers", "DELETE", c.id().toString(), "{\"id\": \"" + c.id() + "\"}"));
    }

    @Test
    void plainSqlOnAnotherConnectionIsCapturedToo() throws Exception {
        UUID id;
        try (Connection c = plainConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("insert into public.customers (name, email) values ('From SQL editor', 'sql@example.com') returning id")) {
                rs.next();
                id = rs.getObject(1, UUID.class);
            }
            s.executeUpdate("update public.customers set notes = 'bulk import' where id = '" + id + "'");
            s.executeUpdate("insert into public.payments (customer_id, amount, method) values ('" + id + "', 5, 'cash')");
            s.executeUpdate("delete from public.payments");
            s.executeUpdate("delete from public.customers where id = '" + id + "'");
        }
        List<Change> log = ShopTables.changes(db);
        assertThat(log).extracting(Change::op).containsExactly("INSERT", "UPDATE", "INSERT", "DELETE", "DELETE");
        assertThat(log.get(1).rowData()).contains("\"notes\": \"bulk import\"", "\"version\": 2");
        assertThat(log.get(4).rowId()).isEqualTo(id.toString());
        // and the store sees what plain SQL did
        assertThat(store.getCustomer(id)).isEmpty();
    }

    @Test
    void rolledBackTransactionCapturesNothing() throws Exception {
        Customer existing = store.createCustomer(new CustomerDraft("Keep", null, null, null, null));
        long before = ShopTables.count(db, "shoptwin.change_log");
        try (Connection c = plainConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("insert into public.customers (name) values ('Ghost')");
            s.executeUpdate("update public.customers set name = 'Changed' where id = '" + existing.id() + "'");
            s.executeUpdate("delete from public.customers where id = '" + existing.id() + "'");
            c.rollback();
            // a transaction that fails half-way leaves nothing either
            s.executeUpdate("insert into public.customers (name) values ('Half')");
            assertThatThrownBy(() -> s.executeUpdate("insert into public.customers (name) values ('')")).isInstanceOf(SQLException.class);
            c.rollback();
        }
        assertThat(ShopTables.count(db, "shoptwin.change_log")).isEqualTo(before);
        assertThat(store.getCustomer(existing.id())).contains(existing);
        assertThat(ShopTables.count(db, "public.customers")).isEqualTo(1);
    }

    @Test
    void concurrentUpdatesOfOneRowAreLoggedInCommitOrder() throws Exception {
        Customer c = store.createCustomer(new CustomerDraft("Race", null, null, null, null));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection first = plainConnection(); Connection second = plainConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            int secondPid = ((PGConnection) second).getBackendPID();
            // the second transaction starts first and writes another row, so it holds an earlier id...
            try (Statement s = second.createStatement()) {
                s.executeUpdate("insert into public.customers (name) values ('Other')");
            }
            try (PreparedStatement ps = first.prepareStatement("update public.customers set notes = 'first' where id = ?")) {
                ps.setObject(1, c.id());
                ps.executeUpdate();
            }
            // ...then updates the same row: it must wait for the first transaction's row lock
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (PreparedStatement ps = second.prepareStatement("update public.customers set notes = 'second' where id = ?")) {
                    ps.setObject(1, c.id());
                    ps.executeUpdate();
                    second.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            await().atMost(Duration.ofSeconds(10)).until(() -> isWaitingForALock(secondPid));
            assertThat(blocked).isNotDone();
            first.commit();
            blocked.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        List<Change> forRow = ShopTables.changes(db).stream().filter(ch -> ch.rowId().equals(c.id().toString())).toList();
        assertThat(forRow).extracting(Change::op).containsExactly("INSERT", "UPDATE", "UPDATE");
        assertThat(forRow.get(1).rowData()).contains("\"notes\": \"first\"", "\"version\": 2");
        assertThat(forRow.get(2).rowData()).contains("\"notes\": \"second\"", "\"version\": 3");
        assertThat(forRow.get(1).id()).isLessThan(forRow.get(2).id());
        // the last logged image is the row as it stands
        assertThat(store.getCustomer(c.id()).orElseThrow().notes()).isEqualTo("second");
    }

    private boolean isWaitingForALock(int pid) {
        return ShopTables.queryLong(db, "select count(*) from pg_stat_activity where pid = " + pid
                + " and wait_event_type = 'Lock'") == 1;
    }

    @Test
    void commitNotifiesTheChangeChannel() throws Exception {
        try (Connection listener = db.openSessionConnection(); Statement s = listener.createStatement()) {
            s.execute("listen shoptwin_change");
            store.createCustomer(new CustomerDraft("Notify me", null, null, null, null));
            PGNotification[] notes = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(notes).isNotEmpty();
            assertThat(notes[0].getName()).isEqualTo("shoptwin_change");
        }
    }

    @Test
    void truncateIsRefusedBecauseTheCopyCouldNotFollowIt() {
        store.createCustomer(new CustomerDraft("Stay", null, null, null, null));
        assertThatThrownBy(() -> ShopTables.execute(db, "truncate public.customers cascade"))
                .hasMessageContaining("TRUNCATE");
        assertThat(ShopTables.count(db, "public.customers")).isEqualTo(1);
    }
}
