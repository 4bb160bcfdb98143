package shoptwin.ui.main;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FxDebouncer;
import shoptwin.ui.common.FxDialogService;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.customers.CustomersView;
import shoptwin.ui.customers.CustomersViewModel;
import shoptwin.ui.settings.SettingsDialog;
import shoptwin.ui.settings.SettingsViewModel;
import shoptwin.ui.shop.ShopSettingsView;
import shoptwin.ui.shop.ShopSettingsViewModel;

/** The console's frame: menu, navigation on the left, the current screen, and the status bar. */
public final class MainWindow extends BorderPane {
    public static final String STYLESHEET = shoptwin.ui.common.Forms.STYLESHEET;

    private final ConsoleServices services;
    private final DialogService dialogs;
    private final MainViewModel vm;
    private final CustomersViewModel customersVm;
    private final ShopSettingsViewModel shopVm;
    private final CustomersView customersView;
    private final ShopSettingsView shopView;
    private final shoptwin.ui.common.FileChoices files;
    private final shoptwin.ui.takings.TakingsViewModel takingsVm;
    private final shoptwin.ui.takings.TakingsView takingsView;
    private final StackPane content = new StackPane();
    private Node statusScreen = placeholderStatus();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final ToggleButton navCustomers = nav("Customers", Feather.USERS, "navCustomers", MainViewModel.Screen.CUSTOMERS);
    private final ToggleButton navTakings = nav("Takings", Feather.BAR_CHART_2, "navTakings", MainViewModel.Screen.TAKINGS);
    private final ToggleButton navShop = nav("Shop settings", Feather.SETTINGS, "navShop", MainViewModel.Screen.SHOP);
    private final ToggleButton navStatus = nav("Sync status", Feather.ACTIVITY, "navStatus", MainViewModel.Screen.STATUS);
    private final ToggleButton navRecycleBin = nav("Recycle bin", Feather.TRASH, "navRecycleBin", MainViewModel.Screen.RECYCLE_BIN);
    private Node recycleBinScreen = new VBox();
    private Runnable onRecycleBinShown = () -> { };
    /** Over the screens, at the bottom: a short message with an action (Undo after a delete). */
    private final StackPane noticeSlot = new StackPane();
    private final Label storeLabel = new Label();
    private final Circle mirrorDot = new Circle(5);
    private final Label mirrorLabel = new Label();
    private final Label demoBadge = new Label("Demo data");
    private final Label readOnlyBadge = new Label("Read-only backup");
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
    private Runnable onQuit = Platform::exit;
    private final StackPane bannerSlot = new StackPane();
    private Menu viewMenu;
    private HelpMenu helpMenu;

    public MainWindow(ConsoleServices services) {
        this.services = services;
        this.dialogs = services.dialogs() != null ? services.dialogs() : new FxDialogService(this::window);
        ShopContext shop = new ShopContext();
        this.vm = new MainViewModel(services.store(), services.demo(), services.executor(), services.preferences(), shop);
        this.files = new shoptwin.ui.common.FileChoices(dialogs, services.preferences());
        this.customersVm = new CustomersViewModel(services.store(), services.executor(), dialogs, new FxDebouncer(250), shop, files);
        this.takingsVm = new shoptwin.ui.takings.TakingsViewModel(services.store(), services.executor(), dialogs, shop, files,
                java.time.Clock.systemUTC());
        this.takingsView = new shoptwin.ui.takings.TakingsView(takingsVm);
        this.shopVm = new ShopSettingsViewModel(services.store(), services.executor(), dialogs, shop);
        this.customersView = new CustomersView(customersVm, services.preferences());
        this.shopView = new ShopSettingsView(shopVm);
        createView();
        initListeners();
        vm.loadShop(); // the customers screen loads its first page as it is shown
    }

    private void createView() {
        setId("mainWindow");
        getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        bannerSlot.setId("bannerSlot");
        setTop(new VBox(menuBar(), bannerSlot));

        Label brand = new Label("ShopTwin", new FontIcon(Feather.SHOPPING_BAG));
        brand.getStyleClass().add(Styles.TITLE_4);
        brand.setPadding(new javafx.geometry.Insets(0, 0, 12, 8));
        Label shopName = new Label();
        shopName.setId("navShopName");
        shopName.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        shopName.setPadding(new javafx.geometry.Insets(0, 0, 8, 8));
        shopName.textProperty().bind(vm.shopNameProperty());
        // shown once the history is there to fill it (a MongoDB backup): HistoryConsole.install
        navRecycleBin.setVisible(false);
        navRecycleBin.managedProperty().bind(navRecycleBin.visibleProperty());
        VBox navBar = new VBox(brand, shopName, navCustomers, navTakings, navShop, navStatus, navRecycleBin);
        navBar.getStyleClass().add("nav-bar");
        setLeft(navBar);

        content.setId("content");
        noticeSlot.setId("noticeSlot");
        noticeSlot.setPickOnBounds(false);
        // bottom left: under the lists' empty corner, clear of the detail's buttons on the right
        noticeSlot.setAlignment(Pos.BOTTOM_LEFT);
        noticeSlot.setPadding(new javafx.geometry.Insets(0, 0, 12, 16));
        setCenter(new StackPane(content, noticeSlot));

        storeLabel.setId("storeDescription");
        storeLabel.setGraphic(new FontIcon(Feather.DATABASE));
        mirrorDot.setId("mirrorDot");
        mirrorDot.getStyleClass().add("mirror-dot");
        mirrorLabel.setId("mirrorStatus");
        mirrorLabel.setGraphic(mirrorDot);
        demoBadge.setId("demoBadge");
        demoBadge.getStyleClass().add("demo-badge");
        demoBadge.setTooltip(new javafx.scene.control.Tooltip(
                "Running on built-in demo databases with sample data. Set up Supabase in File → Settings…"));
        readOnlyBadge.setId("readOnlyBadge");
        readOnlyBadge.getStyleClass().add("demo-badge");
        for (Label l : new Label[] {demoBadge, readOnlyBadge}) {
            l.managedProperty().bind(l.visibleProperty());
        }
        HBox statusBar = new HBox(storeLabel, new Label("·"), mirrorLabel, new Spacer(), readOnlyBadge, demoBadge);
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        setBottom(statusBar);
    }

    private MenuBar menuBar() {
        MenuItem settings = new MenuItem("Settings…", new FontIcon(Feather.SLIDERS));
        settings.setId("menuSettings");
        settings.setAccelerator(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN));
        settings.setOnAction(e -> openSettings());
        MenuItem export = new MenuItem("Export customers CSV…", new FontIcon(Feather.DOWNLOAD));
        export.setId("menuExportCustomers");
        export.setOnAction(e -> customersVm.exportCsv());
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menuQuit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> vm.confirmExit(onQuit));
        MenuItem importCustomers = new MenuItem("Import customers…", new FontIcon(Feather.UPLOAD));
        importCustomers.setId("menuImportCustomers");
        importCustomers.setOnAction(e -> openImport());
        // an import waits for Supabase: on the backup customers are added one by one
        importCustomers.disableProperty().bind(vm.readOnlyProperty().or(vm.shop().supabaseOnlyProperty()));
        // Ctrl+N and Ctrl+F as menu accelerators: they work on every screen, whatever has the focus
        MenuItem newCustomer = new MenuItem("New customer", new FontIcon(Feather.USER_PLUS));
        newCustomer.setId("menuNewCustomer");
        newCustomer.setAccelerator(CustomersView.NEW);
        newCustomer.setOnAction(e -> newCustomer());
        MenuItem find = new MenuItem("Search customers", new FontIcon(Feather.SEARCH));
        find.setId("menuFindCustomer");
        find.setAccelerator(CustomersView.FIND);
        find.setOnAction(e -> vm.navigate(MainViewModel.Screen.CUSTOMERS, () -> Platform.runLater(customersView::focusSearch)));
        Menu file = new Menu("File", null, newCustomer, find, new SeparatorMenuItem(), settings, importCustomers, export,
                new SeparatorMenuItem(), quit);

        darkItem.setId("menuDarkTheme");
        darkItem.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        Menu view = new Menu("View", null, darkItem);
        view.setId("menuView");
        viewMenu = view;

        helpMenu = new HelpMenu(dialogs, services.executor(), this::window, () -> "ShopTwin " + MainViewModel.version()
                + "\n\nThe shop's customers, payments and settings live in Supabase (PostgreSQL) and are "
                + "mirrored live and exactly to MongoDB.\n\nReading from: " + vm.storeDescriptionProperty().get());
        MenuBar bar = new MenuBar(file, view, helpMenu.menu());
        bar.setId("menuBar");
        return bar;
    }

    private void initListeners() {
        storeLabel.textProperty().bind(vm.storeDescriptionProperty());
        demoBadge.visibleProperty().bind(vm.demoProperty());
        readOnlyBadge.visibleProperty().bind(vm.readOnlyProperty());
        vm.mirrorIndicatorProperty().addListener((obs, old, now) -> showMirror(now));
        showMirror(vm.mirrorIndicatorProperty().get());

        darkItem.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        vm.darkThemeProperty().addListener((obs, old, now) -> applyTheme(now));

        vm.setGuard(MainViewModel.Screen.SHOP, shopVm::confirmLeave);
        vm.setGuard(MainViewModel.Screen.CUSTOMERS, customersVm::confirmLeave);
        vm.screenProperty().addListener((obs, old, now) -> showScreen(now));
        showScreen(vm.screenProperty().get());
        // a click on a nav button asks the view model; the toggle follows the screen actually shown
        navGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else if (now.getUserData() != vm.screenProperty().get()) {
                MainViewModel.Screen target = (MainViewModel.Screen) now.getUserData();
                Platform.runLater(() -> {
                    selectNav(vm.screenProperty().get());
                    vm.navigate(target);
                });
            }
        });
    }

    private void showScreen(MainViewModel.Screen screen) {
        Node node = switch (screen) {
            case CUSTOMERS -> customersView;
            case TAKINGS -> takingsView;
            case SHOP -> shopView;
            case STATUS -> statusScreen;
            case RECYCLE_BIN -> recycleBinScreen;
        };
        content.getChildren().setAll(node);
        selectNav(screen);
        if (screen == MainViewModel.Screen.CUSTOMERS) {
            Platform.runLater(customersView::focusSearch);
        }
        if (screen == MainViewModel.Screen.SHOP) {
            shopVm.load();
        } else if (screen == MainViewModel.Screen.CUSTOMERS) {
            customersVm.refresh();
        } else if (screen == MainViewModel.Screen.TAKINGS) {
            takingsVm.load();
        } else if (screen == MainViewModel.Screen.RECYCLE_BIN) {
            onRecycleBinShown.run();
        }
    }

    private void selectNav(MainViewModel.Screen screen) {
        for (javafx.scene.control.Toggle t : navGroup.getToggles()) {
            if (t.getUserData() == screen && !t.isSelected()) {
                t.setSelected(true);
            }
        }
    }

    private void showMirror(MirrorIndicator indicator) {
        MirrorIndicator m = indicator == null ? MirrorIndicator.unknown() : indicator;
        mirrorLabel.setText(m.text());
        mirrorDot.getStyleClass().removeAll("ok", "warning", "danger");
        switch (m.level()) {
            case OK -> mirrorDot.getStyleClass().add("ok");
            case WARNING -> mirrorDot.getStyleClass().add("warning");
            case DANGER -> mirrorDot.getStyleClass().add("danger");
            case UNKNOWN -> { }
        }
    }

    /**
     * Ctrl+N from any screen: to the Customers screen (once the screen shown agrees to be left) and its new
     * customer form. Reading the backup, it says why it cannot instead, where the person is.
     */
    public void newCustomer() {
        if (vm.shop().isReadOnly()) {
            customersVm.newCustomer(); // says why not
            return;
        }
        // after the screen's own focus on the search, which showing it schedules
        vm.navigate(MainViewModel.Screen.CUSTOMERS, () -> Platform.runLater(customersView::newCustomer));
    }

    /** How Help → User guide opens a link (the application's HostServices). */
    public void setLinkOpener(java.util.function.Consumer<String> openLink) {
        helpMenu.setLinkOpener(openLink);
    }

    /** File → Import customers…: choose a CSV, preview it, import it (the list refreshes afterwards). */
    public void openImport() {
        shoptwin.ui.importing.ImportViewModel importVm = new shoptwin.ui.importing.ImportViewModel(services.store(),
                services.executor(), dialogs, files, Platform::runLater);
        importVm.setOnImported(customersVm::refresh);
        shoptwin.ui.importing.ImportDialog dialog = new shoptwin.ui.importing.ImportDialog(importVm, window());
        dialog.show();
        importVm.chooseFile();
    }

    public void openSettings() {
        SettingsViewModel settingsVm = new SettingsViewModel(services.settings(), services.connectionTester(), services.executor());
        SettingsDialog dialog = new SettingsDialog(settingsVm, window());
        settingsVm.load();
        dialog.showAndWait();
    }

    /** The Sync status screen; the status work puts its view here. */
    public void setStatusScreen(Node screen) {
        this.statusScreen = screen;
        if (vm.screenProperty().get() == MainViewModel.Screen.STATUS) {
            showScreen(MainViewModel.Screen.STATUS);
        }
    }

    /** The Recycle bin screen and what to do each time it shows (read it again); its nav button appears. */
    public void setRecycleBinScreen(Node screen, Runnable onShown) {
        this.recycleBinScreen = screen;
        this.onRecycleBinShown = onShown;
        navRecycleBin.setVisible(true);
        if (vm.screenProperty().get() == MainViewModel.Screen.RECYCLE_BIN) {
            showScreen(MainViewModel.Screen.RECYCLE_BIN);
        }
    }

    /** A notice over the screens at the bottom (the Undo message after a delete); it shows and hides itself. */
    public void setNotice(Node notice) {
        noticeSlot.getChildren().setAll(notice);
    }

    public CustomersView customersView() {
        return customersView;
    }

    /** The dialogs the screens use (the real alerts, or the tests' scripted ones). */
    public DialogService dialogs() {
        return dialogs;
    }

    /** A banner across the top of the window, under the menu (the failover banner); null removes it. */
    public void setBanner(Node banner) {
        if (banner == null) {
            bannerSlot.getChildren().clear();
        } else {
            bannerSlot.getChildren().setAll(banner);
        }
    }

    /** Adds items at the end of the View menu (the failover switch). */
    public void addViewMenuItems(MenuItem... items) {
        viewMenu.getItems().add(new SeparatorMenuItem());
        viewMenu.getItems().addAll(items);
    }

    public void setOnQuit(Runnable onQuit) {
        this.onQuit = onQuit;
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public CustomersViewModel customersViewModel() {
        return customersVm;
    }

    public shoptwin.ui.takings.TakingsViewModel takingsViewModel() {
        return takingsVm;
    }

    public ShopSettingsViewModel shopSettingsViewModel() {
        return shopVm;
    }

    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private ToggleButton nav(String text, Feather icon, String id, MainViewModel.Screen screen) {
        ToggleButton b = new ToggleButton(text, new FontIcon(icon));
        b.setId(id);
        b.setUserData(screen);
        b.setToggleGroup(navGroup);
        b.getStyleClass().add(Styles.FLAT);
        b.setMaxWidth(Double.MAX_VALUE);
        return b;
    }

    private static Node placeholderStatus() {
        VBox box = new VBox();
        box.setId("statusScreen");
        box.getStyleClass().addAll("screen", "empty-state");
        Label title = new Label("Sync status");
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label("The mirror's health, backlog and failover controls will appear here.");
        text.getStyleClass().add("muted");
        box.getChildren().addAll(new FontIcon(Feather.ACTIVITY), title, text);
        return box;
    }
}
