package shoptwin.ui.recyclebin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;
import shoptwin.ui.fakes.InMemoryHistory;
import shoptwin.ui.fakes.ManualDebouncer;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

/** The Undo message after a delete, without a toolkit. */
class UndoDeleteViewModelTest {
    private final InMemoryHistory shopData = new InMemoryHistory();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ManualDebouncer later = new ManualDebouncer();
    private int pauses;
    private final UndoDeleteViewModel vm = new UndoDeleteViewModel(shopData.actions(), new SameThreadUiExecutor(), dialogs, later,
            d -> pauses++);

    private UUID deletedAshaWithAPayment() {
        UUID id = shopData.createCustomer("Asha Rao", "111111");
        shopData.createPayment(id, "12.50");
        shopData.delete(MirrorTable.CUSTOMERS, id, 1);
        return id;
    }

    @Test
    void undoBringsTheCustomerAndTheirPaymentBackAndSaysSo() {
        UUID id = deletedAshaWithAPayment();
        int[] restored = {0};
        vm.setOnRestored(() -> restored[0]++);
        vm.customerDeleted(id, "Asha Rao", 1);
        assertThat(vm.visibleProperty().get()).isTrue();
        assertThat(vm.textProperty().get()).isEqualTo("Deleted Asha Rao and their payment.");

        vm.undo();

        assertThat(shopData.customer(id)).containsEntry("name", "Asha Rao");
        assertThat(shopData.paymentCount(id)).isEqualTo(1);
        assertThat(vm.textProperty().get()).isEqualTo("Restored Asha Rao and their payment.");
        assertThat(vm.canUndoProperty().get()).as("no second undo").isFalse();
        assertThat(restored[0]).isEqualTo(1);
        later.pauseOver();
        assertThat(vm.visibleProperty().get()).isFalse();
    }

    @Test
    void anUndoPressedBeforeTheMirrorRecordedTheDeleteWaitsForIt() {
        UUID id = deletedAshaWithAPayment();
        shopData.lagReads = 2; // the first two reads of the history do not have the delete yet
        vm.customerDeleted(id, "Asha Rao", 1);

        vm.undo();

        assertThat(pauses).isEqualTo(2);
        assertThat(shopData.customer(id)).isNotNull();
        assertThat(dialogs.infos).isEmpty();
    }

    @Test
    void whenTheDeleteNeverArrivesItSaysSoAndWritesNothing() {
        UUID id = deletedAshaWithAPayment();
        shopData.lagReads = Integer.MAX_VALUE;
        vm.customerDeleted(id, "Asha Rao", 1);

        vm.undo();

        assertThat(pauses).isEqualTo(UndoDeleteViewModel.WAIT_ATTEMPTS - 1);
        assertThat(shopData.customer(id)).isNull();
        assertThat(dialogs.infos).singleElement().asString().contains("has not recorded this customer's delete yet");
        assertThat(vm.visibleProperty().get()).isFalse();
    }

    @Test
    void theMessageGoesAfterAWhileAndANewerDeleteKeepsItsOwn() {
        UUID first = deletedAshaWithAPayment();
        vm.customerDeleted(first, "Asha Rao", 1);
        UUID second = shopData.createCustomer("Ben Okafor", "2");
        shopData.delete(MirrorTable.CUSTOMERS, second, 1);
        vm.customerDeleted(second, "Ben Okafor", 0);
        assertThat(vm.textProperty().get()).isEqualTo("Deleted Ben Okafor.");

        vm.undo();
        assertThat(shopData.customer(second)).as("undo is for the newest delete").isNotNull();
        assertThat(shopData.customer(first)).isNull();
        later.pauseOver();
        assertThat(vm.visibleProperty().get()).isFalse();
    }
}
