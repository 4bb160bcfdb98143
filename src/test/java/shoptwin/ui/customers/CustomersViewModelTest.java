package shoptwin.ui.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.domain.Customer;
import shoptwin.failover.Failover;
import shoptwin.store.CustomerSort;
import shoptwin.store.NotFoundException;
import shoptwin.store.StoreUnavailableException;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.ManualDebouncer;
import shoptwin.ui.fakes.QueuedUiExecutor;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class CustomersViewModelTest {
    private final InMemoryShopStore store = InMemoryShopStore.withShop("USD", "UTC");
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ManualDebouncer debouncer = new ManualDebouncer();
    private final ShopContext shop = new ShopContext();

    private CustomersViewModel vm() {
        shop.update(store.getShop().orElseThrow());
        return new CustomersViewModel(store, new SameThreadUiExecutor(), dialogs, debouncer, shop);
    }

    private void addCustomers(int n) {
        for (int i = 0; i < n; i++) {
            store.addCustomer(String.format("Customer %04d", i), null, "c" + i + "@example.com");
        }
    }

    @Test
    void afterTheConsoleSwitchesToTheBackupTheListShowsTheBackupsCustomers() {
        store.addCustomer("Asha Rao", null, null);
        store.addCustomer("Ben Ode", null, null);
        InMemoryShopStore backup = InMemoryShopStore.withShop("USD", "UTC");
        backup.addCustomer("Asha Rao", null, null);
        Failover failover = new Failover(store, backup, null, null, false);
        shop.update(store.getShop().orElseThrow());
        CustomersViewModel vm = new CustomersViewModel(failover.store(), new SameThreadUiExecutor(), dialogs, debouncer, shop);
        vm.refresh();
        assertThat(vm.totalProperty().get()).isEqualTo(2);

        failover.switchToBackup();
        shop.storeSwitched(); // what the failover banner announces after a switch

        assertThat(vm.rows()).extracting(r -> r.customer().name()).containsExactly("Asha Rao");
        assertThat(vm.pageTextProperty().get()).isEqualTo("1–1 of 1");
    }

    @Test
    void showsOnePageOfFiftyAndSaysWhereItIs() {
        addCustomers(1234);
        CustomersViewModel vm = vm();
        vm.refresh();
        assertThat(vm.rows()).hasSize(50);
        assertThat(vm.pageTextProperty().get()).isEqualTo("1–50 of 1,234");
        assertThat(vm.hasPreviousProperty().get()).isFalse();
        assertThat(vm.hasNextProperty().get()).isTrue();
    }

    @Test
    void pagingAsksTheStoreForTheNextAndPreviousAndLastPage() {
        addCustomers(120);
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.nextPage();
        assertThat(vm.rows().get(0).customer().name()).isEqualTo("Customer 0050");
        assertThat(vm.pageTextProperty().get()).isEqualTo("51–100 of 120");
        vm.lastPage();
        assertThat(vm.rows()).hasSize(20);
        assertThat(vm.pageTextProperty().get()).isEqualTo("101–120 of 120");
        assertThat(vm.hasNextProperty().get()).isFalse();
        vm.previousPage();
        assertThat(vm.offsetProperty().get()).isEqualTo(50);
        vm.firstPage();
        assertThat(vm.offsetProperty().get()).isZero();
    }

    @Test
    void sortingByAColumnRequeriesFromTheFirstPageInThatOrder() {
        addCustomers(120);
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.nextPage();
        vm.sortBy(CustomerSort.NAME, false);
        assertThat(vm.offsetProperty().get()).isZero();
        assertThat(vm.rows().get(0).customer().name()).isEqualTo("Customer 0119");
        vm.sortBy(CustomerSort.CREATED_AT, true);
        assertThat(vm.rows().get(0).customer().name()).isEqualTo("Customer 0000");
    }

    @Test
    void searchWaitsForThePauseAndRunsOnlyTheLastText() {
        addCustomers(10);
        store.addCustomer("Asha Rao", "+91 98765 43210", "asha@example.com");
        CustomersViewModel vm = vm();
        vm.refresh();
        int before = store.searchCount();
        vm.searchTextProperty().set("a");
        vm.searchTextProperty().set("as");
        vm.searchTextProperty().set("asha");
        assertThat(store.searchCount()).isEqualTo(before);
        debouncer.pauseOver();
        assertThat(store.searchCount()).isEqualTo(before + 1);
        assertThat(vm.rows()).extracting(r -> r.customer().name()).containsExactly("Asha Rao");
        assertThat(vm.pageTextProperty().get()).isEqualTo("1–1 of 1");
    }

    @Test
    void searchMatchesPhoneAndEmailToo() {
        store.addCustomer("Asha Rao", "+91 98765 43210", "asha@example.com");
        store.addCustomer("Ben Ode", null, "ben@shop.test");
        CustomersViewModel vm = vm();
        vm.search("98765");
        assertThat(vm.rows()).extracting(r -> r.customer().name()).containsExactly("Asha Rao");
        vm.search("SHOP.TEST");
        assertThat(vm.rows()).extracting(r -> r.customer().name()).containsExactly("Ben Ode");
    }

    @Test
    void anOlderAnswerNeverReplacesANewerSearch() {
        store.addCustomer("Asha Rao", null, null);
        store.addCustomer("Ben Ode", null, null);
        QueuedUiExecutor executor = new QueuedUiExecutor();
        shop.update(store.getShop().orElseThrow());
        CustomersViewModel vm = new CustomersViewModel(store, executor, dialogs, debouncer, shop);
        vm.search("asha");
        vm.search("ben");
        executor.runLast();
        executor.runNext();
        assertThat(vm.rows()).extracting(r -> r.customer().name()).containsExactly("Ben Ode");
    }

    @Test
    void anEmptyShopOffersToAddTheFirstCustomer() {
        CustomersViewModel vm = vm();
        vm.refresh();
        assertThat(vm.emptyStateProperty().get()).isEqualTo(CustomersViewModel.EmptyState.NO_CUSTOMERS);
        assertThat(vm.pageTextProperty().get()).isEqualTo("No customers");
        vm.newCustomer();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.FORM);
    }

    @Test
    void aSearchWithoutResultsSaysWhatWasSearched() {
        addCustomers(3);
        CustomersViewModel vm = vm();
        vm.search("zebra");
        assertThat(vm.emptyStateProperty().get()).isEqualTo(CustomersViewModel.EmptyState.NO_MATCH);
        assertThat(vm.emptyTextProperty().get()).isEqualTo("No customers match 'zebra'.");
    }

    @Test
    void aStoreFailureIsShownInlineWithoutAStackTrace() {
        CustomersViewModel vm = vm();
        store.failNextCall(new StoreUnavailableException("Cannot reach Supabase (db.example.supabase.co).", null));
        vm.refresh();
        assertThat(vm.errorProperty().get()).isEqualTo("Could not load customers. Cannot reach Supabase (db.example.supabase.co).");
        vm.refresh();
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void deleteAsksFirstAndSaysHowManyPaymentsGoWithTheCustomer() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        store.addPayment(asha.id(), "10.00", Instant.parse("2026-01-02T10:00:00Z"));
        store.addPayment(asha.id(), "5.50", Instant.parse("2026-01-03T10:00:00Z"));
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));

        dialogs.confirm = false;
        vm.deleteSelected();
        assertThat(dialogs.confirmations).containsExactly(
                "Delete Asha Rao? Their 2 payments will be deleted with them. This cannot be undone.");
        assertThat(store.customerCount()).isEqualTo(1);

        dialogs.confirm = true;
        vm.deleteSelected();
        assertThat(store.customerCount()).isZero();
        assertThat(store.countPayments(asha.id())).isZero();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.NONE);
    }

    @Test
    void deleteConfirmationWordsForNoneAndOnePayment() {
        assertThat(CustomerDeletion.confirmationText("Ben", 0, 0))
                .isEqualTo("Delete Ben? They have no payments. This cannot be undone.");
        assertThat(CustomerDeletion.confirmationText("Ben", 1, 0))
                .isEqualTo("Delete Ben? Their 1 payment will be deleted with them. This cannot be undone.");
        assertThat(CustomerDeletion.confirmationText("Ben", 1, 1))
                .isEqualTo("Delete Ben? Their 1 payment will be deleted with them. You can restore them from the Recycle bin for 1 day.");
    }

    @Test
    void withTheHistoryInstalledTheDeleteQuestionPointsToTheRecycleBinInsteadOfSayingItIsFinal() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        store.addPayment(asha.id(), "10.00", Instant.parse("2026-01-02T10:00:00Z"));
        CustomersViewModel vm = vm();
        vm.deletesGoToTheRecycleBin(90, (c, n) -> { }); // what HistoryConsole.install does when there is a MongoDB backup
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));

        dialogs.confirm = false;
        vm.deleteSelected();
        assertThat(dialogs.confirmations).containsExactly(
                "Delete Asha Rao? Their 1 payment will be deleted with them. You can restore them from the Recycle bin for 90 days.");
        assertThat(store.customerCount()).isEqualTo(1);
    }

    @Test
    void deletingACustomerSomeoneElseDeletedSaysSoAndRefreshes() {
        Customer asha = store.addCustomer("Asha Rao", null, null);
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));
        store.failNextCall(new NotFoundException("Customer"));
        vm.deleteSelected();
        assertThat(dialogs.infos).singleElement().asString().contains("no longer exists");
        assertThat(store.getCustomer(asha.id())).isPresent();
    }

    @Test
    void selectingACustomerShowsTheirDetailAndSavingTheFormReturnsToIt() {
        store.addCustomer("Asha Rao", null, null);
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.DETAIL);
        vm.editSelected();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.FORM);
        vm.form().nameProperty().set("Asha R. Rao");
        vm.saveForm();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.DETAIL);
        assertThat(vm.rows().get(0).customer().name()).isEqualTo("Asha R. Rao");
        assertThat(vm.payments().customerProperty().get().name()).isEqualTo("Asha R. Rao");
    }

    @Test
    void escapeOnAnUntouchedFormLeavesWithoutAsking() {
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.newCustomer();
        vm.cancelForm();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.NONE);
        assertThat(dialogs.unsaved).isEmpty();
    }

    @Test
    void escapeOnAHalfTypedNewCustomerAsksAndCancelKeepsTheTyping() {
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.newCustomer();
        vm.form().nameProperty().set("Half typed");
        dialogs.unsavedChoice = DialogService.UnsavedChoice.CANCEL;
        vm.cancelForm();
        assertThat(dialogs.unsaved).containsExactly("The new customer has not been saved. Save before leaving the form?");
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.FORM);
        assertThat(vm.form().nameProperty().get()).isEqualTo("Half typed");
        assertThat(store.customerCount()).isZero();
    }

    @Test
    void discardingTheHalfTypedCustomerLeavesWithoutSaving() {
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.newCustomer();
        vm.form().nameProperty().set("Half typed");
        dialogs.unsavedChoice = DialogService.UnsavedChoice.DISCARD;
        vm.cancelForm();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.NONE);
        assertThat(store.customerCount()).isZero();
    }

    @Test
    void savingFromTheQuestionSavesThenLeaves() {
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.newCustomer();
        vm.form().nameProperty().set("Zara Quinn");
        dialogs.unsavedChoice = DialogService.UnsavedChoice.SAVE;
        boolean[] left = {false};
        vm.confirmLeave(() -> left[0] = true);
        assertThat(left[0]).isTrue();
        assertThat(store.customerCount()).isEqualTo(1);
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.DETAIL);
    }

    @Test
    void leavingTheScreenWithAHalfTypedCustomerAsksAndCancelStays() {
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.newCustomer();
        vm.form().emailProperty().set("zara@");
        boolean[] left = {false};
        vm.confirmLeave(() -> left[0] = true);
        assertThat(left[0]).isFalse();
        assertThat(dialogs.unsaved).hasSize(1);
    }

    @Test
    void aSavedCustomerOnAnotherPageIsWhereTheListGoesSelectedAndSaidSaved() {
        addCustomers(120); // "Customer 0000" .. "Customer 0119": a new "Customer 0105a" sorts onto the third page
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(3));
        vm.newCustomer();
        vm.form().nameProperty().set("Customer 0105a");
        vm.saveForm();
        assertThat(vm.pageTextProperty().get()).isEqualTo("101–121 of 121");
        assertThat(vm.selectedProperty().get().customer().name()).isEqualTo("Customer 0105a");
        assertThat(vm.rows()).contains(vm.selectedProperty().get());
        assertThat(vm.noticeProperty().get()).isEqualTo("Saved Customer 0105a.");
        assertThat(vm.payments().customerProperty().get().name()).isEqualTo("Customer 0105a");
    }

    @Test
    void aSavedCustomerOutsideTheSearchLeavesNoOtherRowSelected() {
        store.addCustomer("Asha Rao", null, null);
        store.addCustomer("Asha Verma", null, null);
        CustomersViewModel vm = vm();
        vm.searchTextProperty().set("asha");
        debouncer.pauseOver();
        vm.selectedProperty().set(vm.rows().get(0));
        vm.newCustomer();
        vm.form().nameProperty().set("Zara Quinn");
        vm.saveForm();
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.DETAIL);
        assertThat(vm.payments().customerProperty().get().name()).isEqualTo("Zara Quinn");
        assertThat(vm.noticeProperty().get()).isEqualTo("Saved Zara Quinn. They do not match the search 'asha'.");
    }

    @Test
    void aSearchThatLeavesOutTheShownCustomerClearsTheirDetail() {
        store.addCustomer("Asha Rao", null, null);
        store.addCustomer("Ben Ode", null, null);
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.DETAIL);
        vm.searchTextProperty().set("ben");
        debouncer.pauseOver();
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.NONE);
        assertThat(vm.payments().customerProperty().get()).isNull();
        assertThat(vm.selectedProperty().get()).isNull();
    }

    @Test
    void aSearchThatKeepsTheShownCustomerKeepsTheirDetail() {
        store.addCustomer("Asha Rao", null, null);
        store.addCustomer("Ben Ode", null, null);
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));
        vm.searchTextProperty().set("rao");
        debouncer.pauseOver();
        assertThat(vm.payments().customerProperty().get().name()).isEqualTo("Asha Rao");
        assertThat(vm.selectedProperty().get().customer().name()).isEqualTo("Asha Rao");
    }

    @Test
    void clearingTheSearchListsEveryoneAtOnce() {
        store.addCustomer("Asha Rao", null, null);
        store.addCustomer("Ben Ode", null, null);
        CustomersViewModel vm = vm();
        vm.searchTextProperty().set("ben");
        debouncer.pauseOver();
        assertThat(vm.rows()).hasSize(1);
        vm.clearSearch();
        assertThat(vm.searchTextProperty().get()).isEmpty();
        assertThat(vm.rows()).hasSize(2);
    }

    @Test
    void keysThatWouldEditTheBackupSaySoInsteadOfNothing() {
        store.addCustomer("Asha Rao", null, null);
        CustomersViewModel vm = vm();
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));
        shop.setReadOnly(true, "Switch back to Supabase to edit.");
        vm.newCustomer();
        vm.editSelected();
        vm.deleteSelected();
        assertThat(dialogs.infos).containsExactly(
                CustomersViewModel.READ_ONLY_TITLE + ": Adding a customer is not possible while the console reads the MongoDB backup. Switch back to Supabase to edit.",
                CustomersViewModel.READ_ONLY_TITLE + ": Editing a customer is not possible while the console reads the MongoDB backup. Switch back to Supabase to edit.",
                CustomersViewModel.READ_ONLY_TITLE + ": Deleting a customer is not possible while the console reads the MongoDB backup. Switch back to Supabase to edit.");
        assertThat(vm.panelProperty().get()).isEqualTo(CustomersViewModel.Panel.DETAIL);
    }

    @Test
    void exportWritesEveryMatchingCustomerAcrossPagesWithSafeCells(@TempDir Path dir) throws Exception {
        addCustomers(1100);
        Customer evil = store.addCustomer("=HYPERLINK(\"http://x\")", null, "evil@example.com");
        store.addPayment(evil.id(), "12.50", Instant.parse("2026-01-05T10:00:00Z"));
        CustomersViewModel vm = vm();
        vm.refresh();
        Path file = dir.resolve("customers.csv");
        vm.exportCsv(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 1101);
        assertThat(lines.get(0)).startsWith("name,phone,email");
        assertThat(lines).anyMatch(l -> l.startsWith("\"'=HYPERLINK(\"\"http://x\"\")\",,evil@example.com,,,1,12.50,USD,"));
        assertThat(dialogs.infos).singleElement().asString().contains("Wrote 1,101 customers to " + file.toAbsolutePath());
    }

    @Test
    void exportingDuringASearchSaysWhatItExportsAndOffersEveryoneInTheLastFolder(@TempDir Path dir) throws Exception {
        store.addCustomer("Asha Rao", null, null);
        store.addCustomer("Asha Iyer", null, null);
        store.addCustomer("Bob", null, null);
        CustomersViewModel vm = vm();
        vm.search("asha");
        dialogs.saveFile = dir.resolve("ashas.csv");
        vm.exportCsv(); // the scripted dialog takes the first answer: the search's customers
        assertThat(dialogs.choices).singleElement().asString().contains("Export 2 customers matching 'asha'")
                .contains("Export all customers");
        assertThat(Files.readAllLines(dialogs.saveFile)).hasSize(1 + 2);
        assertThat(dialogs.infos).last().asString().isEqualTo("Customers exported: Wrote 2 customers matching 'asha' to "
                + dialogs.saveFile.toAbsolutePath() + ".");

        dialogs.choice = 1;
        dialogs.saveFile = dir.resolve("everyone.csv");
        vm.exportCsv();
        assertThat(Files.readAllLines(dialogs.saveFile)).hasSize(1 + 3);
        assertThat(dialogs.infos).last().asString().contains("Wrote 3 customers to ");
        // the chooser opens where the last file went
        assertThat(dialogs.lastFolder).isEqualTo(dir.toAbsolutePath());
    }
}
