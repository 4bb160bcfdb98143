package shoptwin.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import shoptwin.domain.Customer;
import shoptwin.store.history.ChangeKind;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.ShopFormat;
import shoptwin.ui.fakes.InMemoryHistory;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

/** The History tab without a toolkit: the timeline a person reads, Undo this change and Restore this version. */
class HistoryViewModelTest {
    private final InMemoryHistory shopData = new InMemoryHistory();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ShopContext shop = new ShopContext();
    private final HistoryViewModel vm = new HistoryViewModel(shopData.actions(), new SameThreadUiExecutor(), dialogs, shop);

    private Customer asCustomer(UUID id) {
        var row = shopData.customer(id);
        Instant t = Instant.parse("2026-11-14T09:00:00Z");
        return new Customer(id, (String) row.get("name"), (String) row.get("phone"), null, null, null, (Long) row.get("version"), t, t);
    }

    private UUID ashaWithAPhoneChangeByMeera() {
        UUID id = shopData.createCustomer("Asha Rao", "111111");
        shopData.createPayment(id, "12.50");
        shopData.as = InMemoryHistory.MEERA;
        shopData.set(id, "phone", "222222");
        shopData.as = InMemoryHistory.ASHA;
        return id;
    }

    private void open(UUID id) {
        vm.show(asCustomer(id));
        vm.setActive(true);
    }

    private HistoryViewModel.Entry entry(ChangeKind kind, String title) {
        return vm.entries().stream().filter(e -> e.version().kind() == kind && e.title().startsWith(title)).findFirst().orElseThrow();
    }

    @Test
    void theTimelineShowsNewestFirstWhoWhenAndWhatChangedFieldByField() {
        UUID id = ashaWithAPhoneChangeByMeera();
        open(id);

        List<HistoryViewModel.Entry> entries = vm.entries();
        assertThat(entries).extracting(HistoryViewModel.Entry::title)
                .containsExactly("Customer changed", "Payment $12.50 added", "Customer created");
        HistoryViewModel.Entry change = entries.get(0);
        assertThat(change.who()).isEqualTo("Meera (console on TILL-2)");
        assertThat(change.when()).isEqualTo(ShopFormat.defaults().dateTime(change.version().changedAt()));
        assertThat(change.details()).containsExactly("Phone: 111111 → 222222");
        assertThat(entries.get(2).who()).isEqualTo("Asha (console on SHOP-PC)");
        assertThat(entries.get(2).details()).containsExactly("Name: Asha Rao", "Phone: 111111");
        assertThat(vm.headingProperty().get()).isEqualTo("Asha Rao: 3 changes");
        assertThat(entries.get(1).isPayment()).isTrue();
    }

    @Test
    void nothingIsReadUntilTheTabShowsAndAnotherCustomerClearsTheList() {
        UUID id = ashaWithAPhoneChangeByMeera();
        UUID other = shopData.createCustomer("Ben Okafor", "333333");
        vm.show(asCustomer(id));
        assertThat(shopData.reads).as("the tab is not showing").isZero();
        assertThat(vm.entries()).isEmpty();

        vm.setActive(true);
        assertThat(vm.entries()).hasSize(3);
        vm.setActive(false);
        vm.show(asCustomer(other));
        assertThat(vm.entries()).as("no entry of the customer shown before stays").isEmpty();
        assertThat(vm.headingProperty().get()).isEqualTo("History of Ben Okafor");
    }

    @Test
    void undoSetsBackTheFieldsOfThatChangeAndTheListShowsTheUndoAsANewChange() {
        UUID id = ashaWithAPhoneChangeByMeera();
        open(id);
        int[] changed = {0};
        vm.setOnChanged(() -> changed[0]++);

        vm.selectedProperty().set(entry(ChangeKind.UPDATE, "Customer changed"));
        assertThat(vm.canUndoProperty().get()).isTrue();
        vm.undoSelected();

        assertThat(shopData.customer(id).get("phone")).isEqualTo("111111");
        assertThat(vm.messageProperty().get()).isEqualTo("Undone: the customer's phone set back as before the change.");
        assertThat(changed[0]).as("the customers list reads again").isEqualTo(1);
        assertThat(vm.entries()).hasSize(4);
        assertThat(vm.entries().get(0).details()).containsExactly("Phone: 222222 → 111111");
        assertThat(vm.entries().get(0).who()).isEqualTo("Asha (console on SHOP-PC)");
        assertThat(dialogs.infos).isEmpty();
    }

    @Test
    void undoIsRefusedWithTheReasonWhenALaterChangeTouchedTheSameField() {
        UUID id = ashaWithAPhoneChangeByMeera();
        shopData.as = InMemoryHistory.MEERA;
        shopData.set(id, "phone", "444444");
        open(id);

        vm.selectedProperty().set(vm.entries().get(1)); // 111111 → 222222, overwritten by 222222 → 444444
        vm.undoSelected();

        assertThat(shopData.customer(id).get("phone")).as("nothing written").isEqualTo("444444");
        assertThat(dialogs.infos).singleElement().asString()
                .contains("Cannot undo this change: phone was changed again later by Meera (console on TILL-2)");
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void restoreThisVersionAsksFirstAndSetsEveryFieldBack() {
        UUID id = ashaWithAPhoneChangeByMeera();
        shopData.set(id, "name", "Asha R. Rao");
        open(id);

        vm.selectedProperty().set(vm.entries().get(0));
        assertThat(vm.canRestoreProperty().get()).as("the latest version is the row as it is").isFalse();
        vm.selectedProperty().set(entry(ChangeKind.INSERT, "Customer created"));
        assertThat(vm.canRestoreProperty().get()).isTrue();

        dialogs.confirm = false;
        vm.restoreSelected();
        assertThat(shopData.customer(id).get("name")).as("cancelled: nothing written").isEqualTo("Asha R. Rao");

        dialogs.confirm = true;
        vm.restoreSelected();
        assertThat(dialogs.confirmations).hasSize(2);
        assertThat(shopData.customer(id)).containsEntry("name", "Asha Rao").containsEntry("phone", "111111");
        assertThat(vm.messageProperty().get()).endsWith(": name and phone are as then.");
    }

    @Test
    void onTheBackupNothingIsWrittenButTheHistoryReads() {
        UUID id = ashaWithAPhoneChangeByMeera();
        shop.setReadOnly(true, "Reading the backup: changes wait for Supabase.");
        open(id);
        assertThat(vm.entries()).hasSize(3);

        vm.selectedProperty().set(vm.entries().get(0));
        vm.undoSelected();
        assertThat(shopData.customer(id).get("phone")).isEqualTo("222222");
    }

    @Test
    void aFailedReadSaysSoAndKeepsNothingStale() {
        UUID id = ashaWithAPhoneChangeByMeera();
        shopData.failReads = new shoptwin.store.StoreUnavailableException("MongoDB is not answering", null);
        open(id);
        assertThat(vm.errorProperty().get()).startsWith("Could not read the history.");
        assertThat(vm.loadingProperty().get()).isFalse();

        shopData.failReads = null;
        vm.reload();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.entries()).hasSize(3);
    }
}
