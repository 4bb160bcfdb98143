package shoptwin.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import shoptwin.failover.Failover;
import shoptwin.store.StoreUnavailableException;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.SameThreadUiExecutor;

class MainViewModelTest {
    private final InMemoryShopStore store = InMemoryShopStore.withShop("EUR", "Europe/Berlin");
    private final MemoryUiPreferences preferences = new MemoryUiPreferences();
    private final ShopContext shop = new ShopContext();
    private final MainViewModel vm = new MainViewModel(store, true, new SameThreadUiExecutor(), preferences, shop);

    @Test
    void saysWhichDatabaseAndWhetherItIsDemoData() {
        assertThat(vm.storeDescriptionProperty().get()).isEqualTo("In-memory test store");
        assertThat(vm.demoProperty().get()).isTrue();
        assertThat(vm.readOnlyProperty().get()).isFalse();
    }

    @Test
    void afterASwitchToTheBackupTheStatusBarNamesItAndTheShopIsReadFromIt() {
        InMemoryShopStore backup = InMemoryShopStore.withShop("INR", "Asia/Kolkata").describedAs("MongoDB backup (test)");
        Failover failover = new Failover(store.describedAs("PostgreSQL (test)"), backup, null, null, false);
        ShopContext context = new ShopContext();
        MainViewModel main = new MainViewModel(failover.store(), false, new SameThreadUiExecutor(), preferences, context);
        main.loadShop();
        assertThat(main.storeDescriptionProperty().get()).isEqualTo("PostgreSQL (test)");
        assertThat(context.format().currency()).isEqualTo("EUR");

        failover.switchToBackup();
        context.storeSwitched(); // what the failover banner announces after a switch

        assertThat(main.storeDescriptionProperty().get()).isEqualTo("MongoDB backup (test)");
        assertThat(context.format().currency()).isEqualTo("INR");
    }

    @Test
    void theShopsRowSetsCurrencyAndZoneForEveryScreen() {
        vm.loadShop();
        assertThat(shop.format().currency()).isEqualTo("EUR");
        assertThat(vm.shopNameProperty().get()).isEqualTo("Corner Shop");
    }

    @Test
    void aShopThatCannotBeReadIsSaidNotThrown() {
        store.failNextCall(new StoreUnavailableException("Cannot reach the database.", null));
        vm.loadShop();
        assertThat(vm.shopErrorProperty().get()).contains("Cannot reach the database.");
    }

    @Test
    void theThemeChoiceIsRemembered() {
        vm.toggleTheme();
        assertThat(preferences.darkTheme()).isTrue();
        MainViewModel again = new MainViewModel(store, false, new SameThreadUiExecutor(), preferences, shop);
        assertThat(again.darkThemeProperty().get()).isTrue();
    }

    @Test
    void aScreenWithUnsavedWorkDecidesWhetherWeLeave() {
        boolean[] allow = {false};
        vm.navigate(MainViewModel.Screen.SHOP);
        vm.setGuard(MainViewModel.Screen.SHOP, proceed -> {
            if (allow[0]) {
                proceed.run();
            }
        });
        vm.navigate(MainViewModel.Screen.CUSTOMERS);
        assertThat(vm.screenProperty().get()).isEqualTo(MainViewModel.Screen.SHOP);
        allow[0] = true;
        vm.navigate(MainViewModel.Screen.STATUS);
        assertThat(vm.screenProperty().get()).isEqualTo(MainViewModel.Screen.STATUS);
    }

    @Test
    void theMirrorIndicatorStartsUnknownAndCanBeBound() {
        assertThat(vm.mirrorIndicatorProperty().get().level()).isEqualTo(MirrorIndicator.Level.UNKNOWN);
        vm.mirrorIndicatorProperty().set(new MirrorIndicator(MirrorIndicator.Level.OK, "Mirror: up to date"));
        assertThat(vm.mirrorIndicatorProperty().get().text()).isEqualTo("Mirror: up to date");
    }
}
