package shoptwin.ui.main;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import shoptwin.config.Secrets;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;
import shoptwin.ui.common.UiPreferences;

/** The frame around the screens: which screen shows, which database, mirror health, theme. */
public final class MainViewModel {
    public enum Screen { CUSTOMERS, TAKINGS, SHOP, STATUS, RECYCLE_BIN }

    private final ShopStore store;
    private final UiExecutor executor;
    private final UiPreferences preferences;
    private final ShopContext shop;

    // ---- Properties
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.CUSTOMERS);
    private final ReadOnlyStringWrapper storeDescription = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<MirrorIndicator> mirrorIndicator = new SimpleObjectProperty<>(MirrorIndicator.unknown());
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper shopName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shopError = new ReadOnlyStringWrapper("");
    private final Map<Screen, NavigationGuard> guards = new EnumMap<>(Screen.class);

    public MainViewModel(ShopStore store, boolean demoMode, UiExecutor executor, UiPreferences preferences, ShopContext shop) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.preferences = Objects.requireNonNull(preferences);
        this.shop = Objects.requireNonNull(shop);
        storeDescription.set(Secrets.mask(store.describe()));
        if (store.isReadOnly() && !shop.isReadOnly()) {
            shop.setReadOnly(true, "This database is read-only.");
        }
        // the failover banner flips it when the console switches to the backup and back
        readOnly.bind(shop.readOnlyProperty());
        demo.set(demoMode);
        darkTheme.set(preferences.darkTheme());
        darkTheme.addListener((obs, old, now) -> preferences.setDarkTheme(now));
        shop.shopProperty().addListener((obs, old, now) -> shopName.set(now == null ? "" : now.name()));
        // after a switch: say which database the console reads now, and read the shop's row from it
        shop.addStoreSwitchListener(() -> {
            refreshStoreDescription();
            loadShop();
        });
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty storeDescriptionProperty() {
        return storeDescription.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** Writable on purpose: the status work binds it to the mirror's health. */
    public ObjectProperty<MirrorIndicator> mirrorIndicatorProperty() {
        return mirrorIndicator;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    public ReadOnlyStringProperty shopNameProperty() {
        return shopName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shopErrorProperty() {
        return shopError.getReadOnlyProperty();
    }

    /** The store changed underneath (failover): say which database the console reads now. */
    public void refreshStoreDescription() {
        storeDescription.set(Secrets.mask(store.describe()));
    }

    public ShopContext shop() {
        return shop;
    }

    // ---- Commands

    public void setGuard(Screen s, NavigationGuard guard) {
        guards.put(s, guard);
    }

    /** Goes to another screen once the current one agrees (unsaved shop settings ask first). */
    public void navigate(Screen target) {
        navigate(target, () -> { });
    }

    /** Goes to {@code target} as {@link #navigate(Screen)} does, then runs {@code then} there (at once when already there). */
    public void navigate(Screen target, Runnable then) {
        Screen current = screen.get();
        if (target == current) {
            then.run();
            return;
        }
        NavigationGuard guard = guards.get(current);
        Runnable go = () -> {
            screen.set(target);
            then.run();
        };
        if (guard == null) {
            go.run();
        } else {
            guard.confirmLeave(go);
        }
    }

    /** Leaving the console altogether: same question as leaving the screen. */
    public void confirmExit(Runnable exit) {
        NavigationGuard guard = guards.get(screen.get());
        if (guard == null) {
            exit.run();
        } else {
            guard.confirmLeave(exit);
        }
    }

    public void toggleTheme() {
        darkTheme.set(!darkTheme.get());
    }

    /** Reads the shop's row: its currency and time zone format every amount and date. */
    public void loadShop() {
        BackgroundTask.of(store::getShop)
                .onSuccess(found -> {
                    shopError.set("");
                    found.ifPresent(shop::update);
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    shopError.set("Could not read the shop's settings. " + UiErrors.userMessage(f));
                })
                .executeWith(executor);
    }

    public static String version() {
        try (InputStream in = MainViewModel.class.getResourceAsStream("/shoptwin/version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "development");
            return v.startsWith("${") ? "development" : v;
        } catch (IOException e) {
            return "development";
        }
    }
}
