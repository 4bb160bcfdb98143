package shoptwin.ui.main;

import java.util.Objects;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiExecutor;
import shoptwin.ui.common.UiPreferences;
import shoptwin.ui.settings.ConnectionTester;
import shoptwin.ui.settings.SettingsRepository;

/**
 * What the main window runs on. {@code dialogs} null means the real alert dialogs; settings and
 * tester null means the settings dialog says it is not available in this build.
 */
public record ConsoleServices(
        ShopStore store,
        boolean demo,
        UiExecutor executor,
        DialogService dialogs,
        UiPreferences preferences,
        SettingsRepository settings,
        ConnectionTester connectionTester) {

    public ConsoleServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(preferences, "preferences");
    }
}
