package shoptwin.ui.customers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.ui.common.Forms;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.common.UiPreferences;
import shoptwin.ui.failover.EditLock;

/** The customers screen: searchable, sortable, paged list on the left; detail or form on the right. */
public final class CustomersView extends BorderPane {
    public static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    /** The divider's name in the preferences, and where it starts the first time. */
    static final String DIVIDER = "customers";
    static final double DEFAULT_DIVIDER = 0.6;
    /** How long "Saved …" stays. */
    private static final javafx.util.Duration NOTICE_FOR = javafx.util.Duration.seconds(6);

    private final CustomersViewModel vm;
    private final UiPreferences preferences;
    private final CustomTextField search = new CustomTextField();
    private final Button clearSearch = new Button(null, new FontIcon(Feather.X));
    private final Label notice = new Label();
    private final javafx.animation.PauseTransition noticeTimer = new javafx.animation.PauseTransition(NOTICE_FOR);
    private final SplitPane split = new SplitPane();
    private final Button newCustomer = new Button("New customer", new FontIcon(Feather.USER_PLUS));
    private final Button export = new Button("Export…", new FontIcon(Feather.DOWNLOAD));
    private final ProgressIndicator busy = new ProgressIndicator();
    private final TableView<CustomerSummary> table = new TableView<>();
    private final VBox empty = new VBox();
    private final Label emptyText = new Label();
    private final Button addFirst = new Button("Add your first customer", new FontIcon(Feather.USER_PLUS));
    private final Label error = new Label();
    private final Button first = iconButton(Feather.CHEVRONS_LEFT, "firstPage");
    private final Button previous = iconButton(Feather.CHEVRON_LEFT, "previousPage");
    private final Button next = iconButton(Feather.CHEVRON_RIGHT, "nextPage");
    private final Button last = iconButton(Feather.CHEVRONS_RIGHT, "lastPage");
    private final Label pageText = new Label();
    private final StackPane side = new StackPane();
    private final VBox nothingSelected = new VBox();
    private final CustomerDetailView detail;
    private final CustomerFormView form;
    private final ScrollPane detailScroll;
    private final ScrollPane formScroll;
    private boolean syncingSelection;

    public CustomersView(CustomersViewModel vm) {
        this(vm, new MemoryUiPreferences());
    }

    /** @param preferences where the divider is remembered between runs */
    public CustomersView(CustomersViewModel vm, UiPreferences preferences) {
        this.vm = vm;
        this.preferences = preferences;
        this.detail = new CustomerDetailView(vm);
        this.form = new CustomerFormView(vm);
        this.detailScroll = scroll(detail);
        this.formScroll = scroll(form);
        detailScroll.setId("customerDetailPanel");
        formScroll.setId("customerFormPanel");
        createView();
        initListeners();
    }

    private void createView() {
        setId("customersScreen");
        getStyleClass().add("screen");

        Label title = new Label("Customers");
        title.getStyleClass().add(Styles.TITLE_3);
        search.setId("customerSearch");
        search.setPromptText("Search name, phone or email  (Ctrl+F)");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.setPrefWidth(340);
        clearSearch.setId("clearSearch");
        clearSearch.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        clearSearch.setTooltip(new javafx.scene.control.Tooltip("Clear the search (Esc)"));
        clearSearch.setFocusTraversable(false);
        clearSearch.setCursor(javafx.scene.Cursor.DEFAULT);
        search.setRight(clearSearch);
        notice.setId("customersNotice");
        notice.getStyleClass().addAll(Styles.SUCCESS, "notice");
        notice.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
        notice.managedProperty().bind(notice.visibleProperty());
        newCustomer.setId("newCustomer");
        newCustomer.getStyleClass().add(Styles.ACCENT);
        newCustomer.setTooltip(new javafx.scene.control.Tooltip("New customer (Ctrl+N)"));
        busy.setId("customersBusy");
        busy.setMaxSize(18, 18);
        busy.setPrefSize(18, 18);
        export.setId("exportCustomers");
        export.setTooltip(new javafx.scene.control.Tooltip("Export the customers to CSV"));
        HBox toolbar = new HBox(12, title, search, busy, notice, new Spacer(), export, newCustomer);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new javafx.geometry.Insets(0, 0, 12, 0));
        setTop(toolbar);

        table.setId("customerTable");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // widths for what the shop's data holds: "+91 98765 43210", "someone.long@example.com", "₹12,345.67", "14 Nov 2025"
        table.getColumns().add(column("Name", 150, 120, s -> s.customer().name(), CustomerSort.NAME));
        table.getColumns().add(column("Phone", 135, 135, s -> nz(s.customer().phone()), CustomerSort.PHONE));
        table.getColumns().add(column("Email", 200, 150, s -> nz(s.customer().email()), CustomerSort.EMAIL));
        table.getColumns().add(column("Total paid", 100, 95, s -> vm.format().money(s.totalPaid()), CustomerSort.TOTAL_PAID));
        table.getColumns().add(column("Last paid", 100, 95, s -> vm.format().date(s.lastPaymentAt()), CustomerSort.LAST_PAID));
        table.getColumns().add(column("Created", 100, 95, s -> vm.format().date(s.customer().createdAt()), CustomerSort.CREATED_AT));
        table.setPlaceholder(new Label(""));
        // the store sorts: the table only shows which column is the key
        table.setSortPolicy(t -> true);

        empty.setId("emptyState");
        empty.getStyleClass().add("empty-state");
        emptyText.setId("emptyText");
        emptyText.getStyleClass().add(Styles.TITLE_4);
        addFirst.setId("addFirstCustomer");
        addFirst.getStyleClass().addAll(Styles.ACCENT, Styles.BUTTON_OUTLINED);
        addFirst.managedProperty().bind(addFirst.visibleProperty());
        empty.getChildren().addAll(new FontIcon(Feather.USERS), emptyText, addFirst);
        empty.setMouseTransparent(false);
        empty.setPickOnBounds(false);

        error.setId("customersError");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());

        pageText.setId("pageText");
        pageText.getStyleClass().add("muted");
        HBox pager = new HBox(first, previous, pageText, next, last);
        pager.getStyleClass().add("pager");

        StackPane tableStack = new StackPane(table, empty);
        VBox listPane = new VBox(8, error, tableStack, pager);
        VBox.setVgrow(tableStack, Priority.ALWAYS);

        nothingSelected.getStyleClass().add("empty-state");
        Label hint = new Label("Select a customer to see their payments.");
        hint.getStyleClass().add("muted");
        nothingSelected.getChildren().addAll(new FontIcon(Feather.CREDIT_CARD), hint);
        side.getChildren().addAll(nothingSelected, detailScroll, formScroll);
        side.setMinWidth(420);

        split.setId("customersSplit");
        split.getItems().setAll(listPane, side);
        split.setDividerPositions(preferences.divider(DIVIDER).orElse(DEFAULT_DIVIDER));
        SplitPane.setResizableWithParent(side, false);
        setCenter(split);
    }

    private void initListeners() {
        search.textProperty().bindBidirectional(vm.searchTextProperty());
        clearSearch.visibleProperty().bind(search.textProperty().isNotEmpty());
        clearSearch.setOnAction(e -> {
            vm.clearSearch();
            search.requestFocus();
        });
        search.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                vm.clearSearch();
                e.consume();
            }
        });
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        noticeTimer.setOnFinished(e -> vm.clearNotice());
        vm.noticeProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                noticeTimer.playFromStart();
            }
        });
        split.getDividers().get(0).positionProperty().addListener((obs, old, now) ->
                preferences.setDivider(DIVIDER, now.doubleValue()));
        busy.visibleProperty().bind(vm.loadingProperty().or(vm.searchPendingProperty()).or(vm.exportingProperty()));
        newCustomer.setOnAction(e -> newCustomer());
        export.setOnAction(e -> vm.exportCsv());
        export.disableProperty().bind(vm.exportingProperty());
        EditLock.bind(vm.shop(), newCustomer, addFirst);
        addFirst.setOnAction(e -> newCustomer());

        table.setItems(vm.rows());
        empty.visibleProperty().bind(vm.emptyStateProperty().isNotEqualTo(CustomersViewModel.EmptyState.NONE));
        emptyText.textProperty().bind(vm.emptyTextProperty());
        addFirst.visibleProperty().bind(vm.emptyStateProperty().isEqualTo(CustomersViewModel.EmptyState.NO_CUSTOMERS));
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());

        pageText.textProperty().bind(vm.pageTextProperty());
        first.disableProperty().bind(vm.hasPreviousProperty().not());
        previous.disableProperty().bind(vm.hasPreviousProperty().not());
        next.disableProperty().bind(vm.hasNextProperty().not());
        last.disableProperty().bind(vm.hasNextProperty().not());
        first.setOnAction(e -> vm.firstPage());
        previous.setOnAction(e -> vm.previousPage());
        next.setOnAction(e -> vm.nextPage());
        last.setOnAction(e -> vm.lastPage());

        // show the store's default order (name, A→Z) on the header from the start
        table.getSortOrder().setAll(java.util.List.of(table.getColumns().get(0)));
        table.getSortOrder().addListener((ListChangeListener<TableColumn<CustomerSummary, ?>>) c -> onSortChanged());
        for (TableColumn<CustomerSummary, ?> col : table.getColumns()) {
            col.sortTypeProperty().addListener((obs, old, now) -> onSortChanged());
        }

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncingSelection && now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (table.getSelectionModel().getSelectedItem() != now) {
                syncingSelection = true;
                try {
                    // a customer not on this page (or none): no other row may look selected
                    int index = now == null ? -1 : table.getItems().indexOf(now);
                    if (index < 0) {
                        table.getSelectionModel().clearSelection();
                    } else {
                        table.getSelectionModel().clearAndSelect(index);
                        table.scrollTo(index);
                    }
                } finally {
                    syncingSelection = false;
                }
            }
        });
        // a filter, not a handler: the table's own behaviour would otherwise take Enter first
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (table.getSelectionModel().getSelectedItem() == null) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER) {
                vm.editSelected();
                form.focusFirstField();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                vm.deleteSelected();
                e.consume();
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                vm.editSelected();
                form.focusFirstField();
            }
        });

        vm.panelProperty().addListener((obs, old, now) -> showPanel(now));
        showPanel(vm.panelProperty().get());
        vm.shop().formatProperty().addListener((obs, old, now) -> {
            table.refresh();
            detail.paymentsView().refreshFormatting();
        });

        // Esc leaves the form (asking first when it holds typing), else clears the search
        // (Ctrl+N and Ctrl+F are the window's menu accelerators: they work from every screen)
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ESCAPE) {
                return;
            }
            if (vm.panelProperty().get() == CustomersViewModel.Panel.FORM) {
                e.consume();
                vm.cancelForm();
                if (vm.panelProperty().get() != CustomersViewModel.Panel.FORM) {
                    table.requestFocus();
                }
            } else if (!search.getText().isEmpty()) {
                e.consume();
                vm.clearSearch();
            }
        });
    }

    private void onSortChanged() {
        if (table.getSortOrder().isEmpty()) {
            vm.sortBy(CustomerSort.NAME, true);
            return;
        }
        TableColumn<CustomerSummary, ?> key = table.getSortOrder().get(0);
        if (key.getUserData() instanceof CustomerSort by) {
            boolean asc = key.getSortType() == TableColumn.SortType.ASCENDING;
            if (by != vm.sortProperty().get() || asc != vm.ascendingProperty().get()) {
                vm.sortBy(by, asc);
            }
        }
    }

    private void showPanel(CustomersViewModel.Panel panel) {
        nothingSelected.setVisible(panel == CustomersViewModel.Panel.NONE);
        detailScroll.setVisible(panel == CustomersViewModel.Panel.DETAIL);
        formScroll.setVisible(panel == CustomersViewModel.Panel.FORM);
        if (panel == CustomersViewModel.Panel.FORM) {
            form.focusFirstField();
        }
    }

    public void newCustomer() {
        vm.newCustomer();
        form.focusFirstField();
    }

    /** A tab beside the selected customer's payments (the History tab); {@code shown} hears whether it shows. */
    public void addDetailTab(String title, String id, javafx.scene.Node content, java.util.function.Consumer<Boolean> shown) {
        detail.addTab(title, id, content, shown);
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static ScrollPane scroll(javafx.scene.Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.setFitToHeight(true);
        s.getStyleClass().add("edge-to-edge");
        return s;
    }

    private static Button iconButton(Feather icon, String id) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        return b;
    }

    private static TableColumn<CustomerSummary, String> column(String title, double width, double min,
            Function<CustomerSummary, String> text, CustomerSort sort) {
        TableColumn<CustomerSummary, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(min); // phones, dates and amounts stay whole; a long name or e-mail gives way, whole in its tooltip
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setCellFactory(col -> Forms.textCellWithTooltip());
        c.setSortable(sort != null);
        c.setUserData(sort);
        c.setReorderable(false);
        return c;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
