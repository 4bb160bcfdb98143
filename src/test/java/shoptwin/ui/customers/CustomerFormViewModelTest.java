package shoptwin.ui.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.ui.common.DialogService.ConflictChoice;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.QueuedUiExecutor;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class CustomerFormViewModelTest {
    private final InMemoryShopStore store = new InMemoryShopStore();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final CustomerFormViewModel vm = new CustomerFormViewModel(store, new SameThreadUiExecutor(), dialogs);
    private final List<Customer> saved = new ArrayList<>();
    private boolean gone;

    private void save() {
        vm.save(saved::add, () -> gone = true);
    }

    @Test
    void aFreshFormShowsNoMessagesButCannotBeSavedEmpty() {
        vm.startNew();
        assertThat(vm.errorProperty("name").get()).isEmpty();
        assertThat(vm.canSaveProperty().get()).isFalse();
    }

    @Test
    void aBadEmailIsExplainedBesideTheEmailFieldAndNothingIsSaved() {
        vm.startNew();
        vm.nameProperty().set("Asha Rao");
        vm.emailProperty().set("asha@");
        assertThat(vm.errorProperty("email").get()).isEqualTo("Email must be an email address like name@example.com.");
        assertThat(vm.errorProperty("name").get()).isEmpty();
        assertThat(vm.canSaveProperty().get()).isFalse();
        save();
        assertThat(store.customerCount()).isZero();
        assertThat(saved).isEmpty();
    }

    @Test
    void clearingTheNameSaysItIsRequired() {
        vm.startNew();
        vm.nameProperty().set("A");
        vm.nameProperty().set("  ");
        assertThat(vm.errorProperty("name").get()).isEqualTo("Name is required.");
    }

    @Test
    void phoneRulesComeFromTheDomain() {
        vm.startNew();
        vm.nameProperty().set("Asha");
        vm.phoneProperty().set("12");
        assertThat(vm.errorProperty("phone").get()).contains("6 to 15 digits");
        vm.phoneProperty().set("+91 98765 43210");
        assertThat(vm.errorProperty("phone").get()).isEmpty();
        assertThat(vm.canSaveProperty().get()).isTrue();
    }

    @Test
    void savingANewCustomerStoresTheTrimmedDraft() {
        vm.startNew();
        vm.nameProperty().set("  Asha Rao ");
        vm.emailProperty().set("asha@example.com");
        save();
        assertThat(saved).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Asha Rao");
            assertThat(c.phone()).isNull();
        });
        assertThat(vm.isNew()).isFalse();
        assertThat(vm.titleProperty().get()).isEqualTo("Edit Asha Rao");
    }

    @Test
    void saveIsDisabledWhileSaving() {
        QueuedUiExecutor executor = new QueuedUiExecutor();
        CustomerFormViewModel slow = new CustomerFormViewModel(store, executor, dialogs);
        slow.startNew();
        slow.nameProperty().set("Asha");
        slow.save(c -> { }, () -> { });
        assertThat(slow.savingProperty().get()).isTrue();
        assertThat(slow.canSaveProperty().get()).isFalse();
        executor.runAll();
        assertThat(slow.savingProperty().get()).isFalse();
        assertThat(store.customerCount()).isEqualTo(1);
    }

    @Test
    void aConflictOffersReloadWhichShowsTheirVersion() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        vm.startEdit(asha);
        store.changeBehindTheScenes(asha.id(), d -> new CustomerDraft("Asha (theirs)", d.phone(), d.email(), d.address(), d.notes()));
        vm.nameProperty().set("Asha (mine)");
        dialogs.conflictChoice = ConflictChoice.RELOAD;
        save();
        assertThat(dialogs.conflicts).singleElement().asString().contains("Someone else saved changes to Asha (theirs)");
        assertThat(vm.nameProperty().get()).isEqualTo("Asha (theirs)");
        assertThat(vm.baseProperty().get().version()).isEqualTo(2);
        assertThat(store.getCustomer(asha.id()).orElseThrow().name()).isEqualTo("Asha (theirs)");
        assertThat(saved).isEmpty();
    }

    @Test
    void aConflictOffersOverwriteWhichSavesMine() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        vm.startEdit(asha);
        store.changeBehindTheScenes(asha.id(), d -> new CustomerDraft("Asha (theirs)", d.phone(), d.email(), d.address(), d.notes()));
        vm.nameProperty().set("Asha (mine)");
        dialogs.conflictChoice = ConflictChoice.OVERWRITE;
        save();
        Customer now = store.getCustomer(asha.id()).orElseThrow();
        assertThat(now.name()).isEqualTo("Asha (mine)");
        assertThat(now.version()).isEqualTo(3);
        assertThat(saved).hasSize(1);
    }

    @Test
    void cancellingTheConflictKeepsMyEditsUnsaved() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        vm.startEdit(asha);
        store.changeBehindTheScenes(asha.id(), d -> new CustomerDraft("Theirs", null, null, null, null));
        vm.nameProperty().set("Mine");
        dialogs.conflictChoice = ConflictChoice.CANCEL;
        save();
        assertThat(vm.nameProperty().get()).isEqualTo("Mine");
        assertThat(vm.generalErrorProperty().get()).contains("someone else changed");
        assertThat(store.getCustomer(asha.id()).orElseThrow().name()).isEqualTo("Theirs");
    }

    @Test
    void savingACustomerSomeoneDeletedSaysSoAndClosesTheForm() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        vm.startEdit(asha);
        store.deleteBehindTheScenes(asha.id());
        vm.nameProperty().set("Asha");
        save();
        assertThat(dialogs.errors).singleElement().asString().contains("no longer exists");
        assertThat(gone).isTrue();
    }

    @Test
    void dirtyOnlyWhenSomethingReallyChanged() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        vm.startEdit(asha);
        assertThat(vm.isDirty()).isFalse();
        vm.nameProperty().set("Asha Rao ");
        assertThat(vm.isDirty()).isFalse();
        vm.phoneProperty().set("+44 20 7946 0958");
        assertThat(vm.isDirty()).isTrue();
    }

    @Test
    void saveSaysWhatIsMissingBeforeAnyFieldIsTouched() {
        vm.startNew();
        assertThat(vm.saveHintProperty().get()).isEqualTo("To save: Name is required.");
        vm.nameProperty().set("Asha Rao");
        assertThat(vm.saveHintProperty().get()).isEmpty();
        vm.emailProperty().set("asha@");
        assertThat(vm.saveHintProperty().get()).isEqualTo("To save: Email must be an email address like name@example.com.");
    }
}
