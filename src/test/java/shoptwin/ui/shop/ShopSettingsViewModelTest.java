package shoptwin.ui.shop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.DialogService.ConflictChoice;
import shoptwin.ui.common.DialogService.UnsavedChoice;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class ShopSettingsViewModelTest {
    private final InMemoryShopStore store = InMemoryShopStore.withShop("USD", "Europe/London");
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final ShopContext shop = new ShopContext();
    private ShopSettingsViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new ShopSettingsViewModel(store, new SameThreadUiExecutor(), dialogs, shop);
        vm.load();
    }

    /** The database read after a switch holds other settings (a change this screen did not make). */
    private void renameBehindTheScenes(String name) {
        ShopDraft d = store.getShop().orElseThrow().toDraft();
        store.saveShop(ShopStore.ANY_VERSION, new ShopDraft(name, d.ownerName(), d.phone(), d.email(), d.address(),
                d.currency(), d.timezone(), d.taxId(), d.receiptFooter()));
    }

    @Test
    void aStoreSwitchReloadsTheSettingsButKeepsUnsavedEdits() {
        renameBehindTheScenes("Corner Shop (backup)");
        shop.storeSwitched();
        assertThat(vm.field("name").get()).isEqualTo("Corner Shop (backup)");
        assertThat(vm.dirtyProperty().get()).isFalse();

        vm.field("owner_name").set("Ravi");
        renameBehindTheScenes("Corner Shop");
        shop.storeSwitched();
        assertThat(vm.field("owner_name").get()).isEqualTo("Ravi"); // a person typed it: never dropped silently
        assertThat(vm.field("name").get()).isEqualTo("Corner Shop (backup)");
        assertThat(vm.dirtyProperty().get()).isTrue();
    }

    @Test
    void loadingFillsTheFormAndIsNotDirty() {
        assertThat(vm.field("name").get()).isEqualTo("Corner Shop");
        assertThat(vm.field("currency").get()).isEqualTo("USD");
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.canSaveProperty().get()).isFalse();
    }

    @Test
    void editingMakesItDirtyAndRevertGoesBack() {
        vm.field("name").set("Corner Shop & Café");
        assertThat(vm.dirtyProperty().get()).isTrue();
        vm.revert();
        assertThat(vm.field("name").get()).isEqualTo("Corner Shop");
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void typingBackTheSavedValueIsNotDirty() {
        vm.field("currency").set("usd");
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void anUnknownCurrencyOrZoneIsExplainedBesideItsField() {
        vm.field("currency").set("XYZ");
        vm.field("timezone").set("Mars/Olympus");
        assertThat(vm.errorProperty("currency").get()).contains("ISO 4217");
        assertThat(vm.errorProperty("timezone").get()).contains("IANA");
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.save();
        assertThat(store.getShop().orElseThrow().currency()).isEqualTo("USD");
    }

    @Test
    void validateShowsEveryMessageAtOnce() {
        vm.field("name").set("");
        vm.field("email").set("nope");
        vm.revert();
        vm.field("email").set("nope");
        assertThat(vm.errorProperty("name").get()).isEmpty();
        assertThat(vm.validate()).isFalse();
        assertThat(vm.errorProperty("email").get()).isNotEmpty();
    }

    @Test
    void savingStoresTheRowAndTellsTheOtherScreensTheNewCurrency() {
        vm.field("currency").set("eur");
        vm.field("timezone").set("Europe/Berlin");
        vm.save();
        Shop saved = store.getShop().orElseThrow();
        assertThat(saved.currency()).isEqualTo("EUR");
        assertThat(saved.version()).isEqualTo(2);
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Saved.");
        assertThat(shop.format().currency()).isEqualTo("EUR");
        assertThat(shop.format().zone().getId()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aNewShopWithoutARowCanBeSaved() {
        InMemoryShopStore empty = new InMemoryShopStore();
        ShopSettingsViewModel fresh = new ShopSettingsViewModel(empty, new SameThreadUiExecutor(), dialogs, shop);
        fresh.load();
        fresh.field("name").set("New Shop");
        fresh.field("timezone").set("Asia/Kolkata");
        fresh.field("currency").set("INR");
        assertThat(fresh.canSaveProperty().get()).isTrue();
        fresh.save();
        assertThat(empty.getShop().orElseThrow().name()).isEqualTo("New Shop");
    }

    @Test
    void leavingWithUnsavedChangesAsksAndCancelStays() {
        vm.field("name").set("Changed");
        boolean[] left = {false};
        dialogs.unsavedChoice = UnsavedChoice.CANCEL;
        vm.confirmLeave(() -> left[0] = true);
        assertThat(left[0]).isFalse();
        assertThat(vm.field("name").get()).isEqualTo("Changed");
        assertThat(dialogs.unsaved).hasSize(1);
    }

    @Test
    void leavingWithDiscardDropsTheEdits() {
        vm.field("name").set("Changed");
        boolean[] left = {false};
        dialogs.unsavedChoice = UnsavedChoice.DISCARD;
        vm.confirmLeave(() -> left[0] = true);
        assertThat(left[0]).isTrue();
        assertThat(store.getShop().orElseThrow().name()).isEqualTo("Corner Shop");
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void leavingWithSaveSavesThenLeaves() {
        vm.field("name").set("Changed");
        boolean[] left = {false};
        dialogs.unsavedChoice = UnsavedChoice.SAVE;
        vm.confirmLeave(() -> left[0] = true);
        assertThat(left[0]).isTrue();
        assertThat(store.getShop().orElseThrow().name()).isEqualTo("Changed");
    }

    @Test
    void leavingWithInvalidEditsAndSaveStays() {
        vm.field("email").set("bad");
        boolean[] left = {false};
        dialogs.unsavedChoice = UnsavedChoice.SAVE;
        vm.confirmLeave(() -> left[0] = true);
        assertThat(left[0]).isFalse();
        assertThat(vm.errorProperty("email").get()).isNotEmpty();
    }

    @Test
    void leavingWithoutChangesDoesNotAsk() {
        boolean[] left = {false};
        vm.confirmLeave(() -> left[0] = true);
        assertThat(left[0]).isTrue();
        assertThat(dialogs.unsaved).isEmpty();
    }

    @Test
    void aConflictCanReloadTheirsOrOverwriteWithMine() {
        Shop theirs = store.saveShop(1, new ShopDraft("Their name", null, null, null, null, "USD", "Europe/London", null, null));
        vm.field("name").set("My name");
        dialogs.conflictChoice = ConflictChoice.RELOAD;
        vm.save();
        assertThat(vm.field("name").get()).isEqualTo("Their name");
        assertThat(vm.dirtyProperty().get()).isFalse();

        store.saveShop(theirs.version(), new ShopDraft("Their second", null, null, null, null, "USD", "Europe/London", null, null));
        vm.field("name").set("Mine again");
        dialogs.conflictChoice = ConflictChoice.OVERWRITE;
        vm.save();
        assertThat(store.getShop().orElseThrow().name()).isEqualTo("Mine again");
        assertThat(dialogs.conflicts).hasSize(2);
    }

    @Test
    void pickersOfferCurrentCurrenciesAndZonesWithTheShopsOwn() {
        assertThat(vm.currencyChoices()).extracting(ShopChoices.Choice::code).contains("USD", "EUR", "INR").doesNotContain("ADP");
        assertThat(vm.zoneChoices()).extracting(ShopChoices.Choice::code).contains("Asia/Kolkata", "Europe/London")
                .doesNotContain("Asia/Calcutta");

        // a shop saved long ago with an old zone name still sees its own value in the list
        ShopDraft d = store.getShop().orElseThrow().toDraft();
        store.saveShop(ShopStore.ANY_VERSION, new ShopDraft(d.name(), d.ownerName(), d.phone(), d.email(), d.address(),
                "USD", "Asia/Calcutta", d.taxId(), d.receiptFooter()));
        vm.load();
        assertThat(vm.zoneChoices()).extracting(ShopChoices.Choice::code).contains("Asia/Calcutta", "Asia/Kolkata");
    }

    @Test
    void changingTheCurrencySaysAmountsAreRelabelledNotConverted() {
        assertThat(vm.currencyNoteProperty().get()).isEmpty();
        vm.field("currency").set("IN"); // half typed: no note yet
        assertThat(vm.currencyNoteProperty().get()).isEmpty();
        vm.field("currency").set("INR");
        assertThat(vm.currencyNoteProperty().get())
                .isEqualTo("Amounts are relabelled, not converted: every amount keeps its number and shows in INR instead of USD.");
        vm.save();
        assertThat(store.getShop().orElseThrow().currency()).isEqualTo("INR");
        assertThat(vm.currencyNoteProperty().get()).isEmpty(); // saved: nothing pending any more
        vm.field("currency").set("USD");
        vm.revert();
        assertThat(vm.currencyNoteProperty().get()).isEmpty();
    }

    @Test
    void saveSaysWhyItIsDisabled() {
        assertThat(vm.saveHintProperty().get()).isEqualTo("No changes to save.");
        vm.field("name").set("");
        assertThat(vm.saveHintProperty().get()).startsWith("To save: ").contains("required");
        vm.field("name").set("A New Name");
        assertThat(vm.saveHintProperty().get()).isEmpty();
    }
}
