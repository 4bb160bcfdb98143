package shoptwin.ui.recyclebin;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.failover.EditLock;

/** The Recycle bin screen: what was deleted, by whom and when; Restore brings it back. */
public final class RecycleBinView extends VBox {
    private final RecycleBinViewModel vm;
    private final Label summary = new Label();
    private final Label message = new Label();
    private final Label error = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final TableView<RecycleBinViewModel.Entry> table = new TableView<>();
    private final Button restore = new Button("Restore", new FontIcon(Feather.CORNER_UP_LEFT));
    private final Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));

    public RecycleBinView(RecycleBinViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setId("recycleBinScreen");
        getStyleClass().add("screen");
        setSpacing(10);
        getStylesheets().add(getClass().getResource("/shoptwin/ui/history/history.css").toExternalForm());
        Label title = new Label("Recycle bin");
        title.getStyleClass().add(Styles.TITLE_3);
        busy.setMaxSize(18, 18);
        busy.setPrefSize(18, 18);
        refresh.setId("refreshRecycleBin");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setTooltip(new Tooltip("Read the recycle bin again"));
        restore.setId("restoreDeleted");
        restore.getStyleClass().add(Styles.ACCENT);
        restore.setTooltip(new Tooltip("Bring it back with its original id (a customer with the payments they had when deleted)"));
        HBox toolbar = new HBox(12, title, busy, new Spacer(), refresh, restore);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        summary.setId("recycleBinSummary");
        summary.getStyleClass().add("muted");
        message.setId("recycleBinMessage");
        message.getStyleClass().add("history-message");
        error.setId("recycleBinError");
        error.getStyleClass().add(Styles.DANGER);
        for (Label l : new Label[] {message, error}) {
            l.setWrapText(true);
            l.managedProperty().bind(l.visibleProperty());
        }

        table.setId("recycleBinTable");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Deleted", 260, RecycleBinViewModel.Entry::what));
        table.getColumns().add(column("Customer", 150, RecycleBinViewModel.Entry::customer));
        table.getColumns().add(column("With", 110, RecycleBinViewModel.Entry::with));
        table.getColumns().add(column("Deleted by", 220, RecycleBinViewModel.Entry::deletedBy));
        table.getColumns().add(column("When", 150, RecycleBinViewModel.Entry::when));
        table.setPlaceholder(new Label("Nothing deleted recently."));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(toolbar, summary, message, error, table);
    }

    private void initListeners() {
        summary.textProperty().bind(vm.summaryProperty());
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        busy.visibleProperty().bind(vm.loadingProperty().or(vm.restoringProperty()));
        table.setItems(vm.entries());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedProperty().set(now));
        refresh.setOnAction(e -> vm.load());
        restore.setOnAction(e -> vm.restoreSelected());
        EditLock.bind(vm.shop(), restore, vm.selectedProperty().isNull().or(vm.restoringProperty()));
    }

    private static TableColumn<RecycleBinViewModel.Entry, String> column(String title, double width,
            Function<RecycleBinViewModel.Entry, String> text) {
        TableColumn<RecycleBinViewModel.Entry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setReorderable(false);
        return c;
    }
}
