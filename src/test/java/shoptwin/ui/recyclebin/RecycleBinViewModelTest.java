package shoptwin.ui.recyclebin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import shoptwin.store.copy.MirrorTable;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.InMemoryHistory;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

/** The recycle bin without a toolkit: what was deleted, by whom, and Restore with the original ids. */
class RecycleBinViewModelTest {
    private final InMemoryHistory shopData = new InMemoryHistory();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ShopContext shop = new ShopContext();

    private RecycleBinViewModel bin(int days) {
        Clock clock = Clock.fixed(shopData.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        return new RecycleBinViewModel(shopData.actions(), new SameThreadUiExecutor(), dialogs, shop, days, clock);
    }

    private UUID ashaWithTwoPaymentsDeletedByMeera() {
        UUID id = shopData.createCustomer("Asha Rao", "111111");
        shopData.createPayment(id, "12.50");
        shopData.createPayment(id, "30.00");
        shopData.as = InMemoryHistory.MEERA;
        shopData.delete(MirrorTable.CUSTOMERS, id, 1);
        shopData.as = InMemoryHistory.ASHA;
        return id;
    }

    @Test
    void aDeletedCustomerIsListedOnceWithThePaymentsThatWentWithThemAndWhoDeletedThem() {
        ashaWithTwoPaymentsDeletedByMeera();
        UUID ben = shopData.createCustomer("Ben Okafor", "333333");
        UUID paid = shopData.createPayment(ben, "5.00");
        shopData.delete(MirrorTable.PAYMENTS, paid, 1);

        RecycleBinViewModel vm = bin(90);
        vm.load();

        assertThat(vm.entries()).extracting(RecycleBinViewModel.Entry::what).containsExactly("Payment of $5.00", "Asha Rao");
        RecycleBinViewModel.Entry asha = vm.entries().get(1);
        assertThat(asha.with()).isEqualTo("2 payments");
        assertThat(asha.deletedBy()).isEqualTo("Meera (console on TILL-2)");
        assertThat(vm.entries().get(0).customer()).isEqualTo("Ben Okafor");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 customer and 1 payment deleted in the last 90 days (the backup keeps them that long).");
    }

    @Test
    void restoreBringsTheCustomerBackWithTheirIdAndPaymentsAndTheBinEmpties() {
        UUID id = ashaWithTwoPaymentsDeletedByMeera();
        RecycleBinViewModel vm = bin(90);
        int[] restored = {0};
        vm.setOnRestored(() -> restored[0]++);
        vm.load();

        vm.selectedProperty().set(vm.entries().get(0));
        vm.restoreSelected();

        assertThat(shopData.customer(id)).containsEntry("name", "Asha Rao").containsEntry("phone", "111111");
        assertThat(shopData.paymentCount(id)).isEqualTo(2);
        assertThat(vm.messageProperty().get()).isEqualTo("Restored Asha Rao and their 2 payments.");
        assertThat(restored[0]).isEqualTo(1);
        assertThat(vm.entries()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("Nothing deleted in the last 90 days.");
    }

    @Test
    void aRestoredCustomerLeavesTheListAtOnceThoughTheBackupHasNotRecordedTheRestoreYet() {
        UUID id = ashaWithTwoPaymentsDeletedByMeera();
        RecycleBinViewModel vm = bin(90);
        vm.load();
        vm.selectedProperty().set(vm.entries().get(0));
        shopData.hideInsertsFromNowOn(); // the mirror has not recorded the restore when the bin reads again

        vm.restoreSelected();

        assertThat(shopData.current(MirrorTable.CUSTOMERS, id)).isPresent();
        assertThat(vm.entries()).isEmpty();
        vm.load();
        assertThat(vm.entries()).as("still gone on the next read").isEmpty();
    }

    @Test
    void aPaymentWhoseCustomerIsDeletedIsRefusedWithWhatToDoInstead() {
        UUID id = shopData.createCustomer("Asha Rao", "111111");
        UUID paid = shopData.createPayment(id, "12.50");
        shopData.delete(MirrorTable.PAYMENTS, paid, 1);
        shopData.delete(MirrorTable.CUSTOMERS, id, 1);
        RecycleBinViewModel vm = bin(90);
        vm.load();

        vm.selectedProperty().set(vm.entries().stream().filter(e -> !e.isCustomer()).findFirst().orElseThrow());
        vm.restoreSelected();

        assertThat(dialogs.infos).singleElement().asString().contains("restore the customer first");
        assertThat(shopData.current(MirrorTable.PAYMENTS, paid)).isEmpty();
    }

    @Test
    void deletesOlderThanTheRetentionAreNotListed() {
        ashaWithTwoPaymentsDeletedByMeera();
        RecycleBinViewModel vm = new RecycleBinViewModel(shopData.actions(), new SameThreadUiExecutor(), dialogs, shop, 1,
                Clock.fixed(shopData.now().plus(Duration.ofDays(2)), ZoneOffset.UTC));
        vm.load();
        assertThat(vm.entries()).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo("Nothing deleted in the last 1 days.");
    }

    @Test
    void onTheBackupRestoreWritesNothing() {
        UUID id = ashaWithTwoPaymentsDeletedByMeera();
        shop.setReadOnly(true, "Reading the backup");
        RecycleBinViewModel vm = bin(90);
        vm.load();
        assertThat(vm.entries()).hasSize(1);
        vm.selectedProperty().set(vm.entries().get(0));
        vm.restoreSelected();
        assertThat(shopData.current(MirrorTable.CUSTOMERS, id)).isEmpty();
    }
}
