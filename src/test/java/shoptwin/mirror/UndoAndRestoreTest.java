package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.Staff;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.ChangeKind;
import shoptwin.store.history.DeletedRow;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.history.HistoryRefusedException;
import shoptwin.store.history.RowVersion;
import shoptwin.store.mongo.MongoShopHistory;
import shoptwin.store.postgres.PostgresRowWrites;
import shoptwin.store.postgres.PostgresShopStore;

/**
 * Undo, restore a version, and bring back a deleted customer with their payments, on real PostgreSQL and the
 * MongoDB peer with the mirror running: each is a normal captured write, mirrored and recorded in turn.
 */
class UndoAndRestoreTest {
    private static final Staff ASHA = new Staff("Asha", "SHOP-PC", Staff.CONSOLE);
    private static final Staff MEERA = new Staff("Meera", "TILL-2", Staff.CONSOLE);

    @AutoClose
    private final MirrorFixture f = new MirrorFixture();
    private final PostgresShopStore store = new PostgresShopStore(f.db);
    private final MongoShopHistory history = new MongoShopHistory(f.mongo, "the test's MongoDB");
    private final HistoryActions actions = new HistoryActions(history, new PostgresRowWrites(f.db, store::staff), Instant::toString);

    private void mirrored() {
        await().atMost(Duration.ofSeconds(20)).until(() -> f.backlog() == 0);
    }

    private RowVersion versionWith(UUID customer, String field, Object value) {
        return history.versions(MirrorTable.CUSTOMERS, customer).stream()
                .filter(v -> v.kind() == ChangeKind.UPDATE && value.equals(v.field(field))).findFirst().orElseThrow();
    }

    @Test
    void undoingAChangeSetsBackOnlyTheFieldsItTouchedAndIsItselfUndoable() {
        f.start();
        store.setStaff(ASHA);
        Customer c = store.createCustomer(new CustomerDraft("Asha Rao", "111111", "asha@shop.example", null, null));
        c = store.updateCustomer(c.id(), c.version(), new CustomerDraft("Asha Rao", "222222", "asha@shop.example", null, null));
        store.setStaff(MEERA);
        store.updateCustomer(c.id(), c.version(), new CustomerDraft("Asha Rao", "222222", "asha.rao@shop.example", null, null));
        mirrored();

        store.setStaff(ASHA);
        String done = actions.undo(versionWith(c.id(), "phone", "222222"));
        assertThat(done).isEqualTo("Undone: the customer's phone set back as before the change.");
        Customer now = store.getCustomer(c.id()).orElseThrow();
        assertThat(now.phone()).isEqualTo("111111");
        assertThat(now.email()).as("the later change of another field stays").isEqualTo("asha.rao@shop.example");
        mirrored();

        // the undo is a version of its own, by whoever undid it, and can be undone in turn
        List<RowVersion> versions = history.versions(MirrorTable.CUSTOMERS, c.id());
        RowVersion undo = versions.get(versions.size() - 1);
        assertThat(undo.actor().label()).isEqualTo("Asha (console on SHOP-PC)");
        assertThat(undo.field("phone")).isEqualTo("111111");
        actions.undo(undo);
        assertThat(store.getCustomer(c.id()).orElseThrow().phone()).isEqualTo("222222");
        mirrored();
        assertThat(f.verify().isEqual()).isTrue();
    }

    @Test
    void anUndoIsRefusedWhenALaterChangeTouchedTheSameField() {
        f.start();
        store.setStaff(ASHA);
        Customer c = store.createCustomer(new CustomerDraft("Ravi Kumar", null, null, null, "first note"));
        c = store.updateCustomer(c.id(), c.version(), new CustomerDraft("Ravi Kumar", null, null, null, "second note"));
        store.setStaff(MEERA);
        store.updateCustomer(c.id(), c.version(), new CustomerDraft("Ravi Kumar", null, null, null, "third note"));
        mirrored();

        RowVersion second = versionWith(c.id(), "notes", "second note");
        assertThatThrownBy(() -> actions.undo(second)).isInstanceOf(HistoryRefusedException.class)
                .hasMessageStartingWith("Cannot undo this change: notes was changed again later by Meera (console on TILL-2) on ")
                .hasMessageEndingWith("Undo that change first, or use Restore this version.");
        assertThat(store.getCustomer(c.id()).orElseThrow().notes()).as("nothing written").isEqualTo("third note");

        // restoring that version as a whole is what a person does then
        assertThat(actions.restoreVersion(second)).endsWith("notes is as then.");
        assertThat(store.getCustomer(c.id()).orElseThrow().notes()).isEqualTo("second note");
    }

    @Test
    void aChangeNotYetInTheBackupCountsAsALaterChange() {
        MirrorService mirror = f.start();
        Customer c = store.createCustomer(new CustomerDraft("Lara", "5550001", null, null, null));
        c = store.updateCustomer(c.id(), c.version(), new CustomerDraft("Lara", "5550002", null, null, null));
        mirrored();
        mirror.close(); // the mirror is away: the next change waits in the change log
        store.updateCustomer(c.id(), c.version(), new CustomerDraft("Lara", "5550003", null, null, null));

        RowVersion change = versionWith(c.id(), "phone", "5550002");
        assertThatThrownBy(() -> actions.undo(change)).isInstanceOf(HistoryRefusedException.class)
                .hasMessageContaining("phone was changed again moments ago");
    }

    @Test
    void aDeletedCustomerComesBackWithTheirOriginalIdAndThePaymentsTheyHadWhenDeleted() {
        f.start();
        Customer c = store.createCustomer(new CustomerDraft("Asha Rao", "0123456789", "asha@shop.example", "12 Market St", null));
        Payment p1 = store.createPayment(new PaymentDraft(c.id(), "10.50", PaymentMethod.CASH, "R-1", null, Instant.parse("2026-11-01T10:00:00Z")));
        Payment p2 = store.createPayment(new PaymentDraft(c.id(), "20.00", PaymentMethod.UPI, null, "deposit", Instant.parse("2026-11-02T11:30:00.123Z")));
        Payment gone = store.createPayment(new PaymentDraft(c.id(), "5.00", PaymentMethod.CARD, null, null, Instant.parse("2026-11-03T09:00:00Z")));
        store.deletePayment(gone.id()); // deleted before the customer: it does not come back with them
        String before = f.count("select count(*) from public.payments") + "";
        store.setStaff(MEERA);
        store.deleteCustomer(c.id());
        mirrored();

        List<DeletedRow> bin = history.recycleBin(Instant.now().minus(Duration.ofDays(90)), 50);
        assertThat(bin).hasSize(2);
        DeletedRow customer = bin.get(0);
        assertThat(customer.delete().table()).isEqualTo(MirrorTable.CUSTOMERS);
        assertThat(customer.delete().field("name")).isEqualTo("Asha Rao");
        assertThat(customer.delete().actor().label()).isEqualTo("Meera (console on TILL-2)");
        assertThat(customer.deletedWith()).extracting(RowVersion::rowId).containsExactlyInAnyOrder(p1.id(), p2.id());
        assertThat(bin.get(1).delete().rowId()).isEqualTo(gone.id());

        store.setStaff(ASHA);
        HistoryActions.Restored restored = actions.undelete(MirrorTable.CUSTOMERS, c.id());
        assertThat(restored.describe()).isEqualTo("Restored Asha Rao and their 2 payments.");
        Customer back = store.getCustomer(c.id()).orElseThrow();
        assertThat(back).isEqualTo(c);
        List<Payment> payments = store.listPayments(c.id()).payments();
        assertThat(payments).containsExactlyInAnyOrder(p1, p2);
        assertThat(payments).extracting(Payment::amount).contains(new BigDecimal("10.50"));
        assertThat(before).isEqualTo("2");
        mirrored();
        assertThat(f.verify().isEqual()).isTrue();
        assertThat(history.recycleBin(Instant.now().minus(Duration.ofDays(90)), 50)).as("restored: out of the bin")
                .extracting(r -> r.delete().rowId()).containsExactly(gone.id());

        assertThatThrownBy(() -> actions.undelete(MirrorTable.CUSTOMERS, c.id())).isInstanceOf(HistoryRefusedException.class)
                .hasMessageContaining("exists");
        // a payment deleted on its own comes back on its own
        assertThat(actions.undelete(MirrorTable.PAYMENTS, gone.id()).describe()).isEqualTo("Restored the payment of Asha Rao.");
        assertThat(store.getPayment(gone.id())).contains(gone);
    }

    @Test
    void aPaymentWhoseCustomerIsDeletedComesBackOnlyWithTheCustomer() {
        f.start();
        Customer c = store.createCustomer(new CustomerDraft("Kofi", null, null, null, null));
        Payment p = store.createPayment(new PaymentDraft(c.id(), "7.25", PaymentMethod.CASH, null, null, Instant.parse("2026-11-01T10:00:00Z")));
        store.deletePayment(p.id());
        store.deleteCustomer(c.id());
        mirrored();
        assertThatThrownBy(() -> actions.undelete(MirrorTable.PAYMENTS, p.id())).isInstanceOf(HistoryRefusedException.class)
                .hasMessage("This payment's customer is deleted too: restore the customer first (their payments come back with them).");
        actions.undelete(MirrorTable.CUSTOMERS, c.id());
        actions.undelete(MirrorTable.PAYMENTS, p.id());
        assertThat(store.getPayment(p.id())).contains(p);
    }
}
