package shoptwin.ui.history;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.failover.EditLock;

/** A customer's History tab: the timeline, newest first, with Undo this change and Restore this version. */
public final class HistoryView extends VBox {
    static final String STYLESHEET = "/shoptwin/ui/history/history.css";

    private final HistoryViewModel vm;
    private final Label heading = new Label();
    private final Label error = new Label();
    private final Label message = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final ListView<HistoryViewModel.Entry> list = new ListView<>();
    private final Button undo = new Button("Undo this change", new FontIcon(Feather.ROTATE_CCW));
    private final Button restore = new Button("Restore this version", new FontIcon(Feather.CORNER_UP_LEFT));
    private final Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));

    public HistoryView(HistoryViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setId("history");
        setSpacing(10);
        getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        heading.setId("historyHeading");
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setWrapText(true);
        busy.setMaxSize(16, 16);
        busy.setPrefSize(16, 16);
        refresh.setId("refreshHistory");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setTooltip(new Tooltip("Read the history again"));
        HBox header = new HBox(8, heading, busy, new Spacer(), refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        for (Label l : new Label[] {error, message}) {
            l.setWrapText(true);
            l.managedProperty().bind(l.visibleProperty());
        }
        error.setId("historyError");
        error.getStyleClass().add(Styles.DANGER);
        message.setId("historyMessage");
        message.getStyleClass().add("history-message");

        list.setId("historyList");
        list.getStyleClass().add("history-list");
        list.setPlaceholder(new Label("No changes recorded yet."));
        list.setCellFactory(l -> new EntryCell());
        list.setPrefHeight(320);
        VBox.setVgrow(list, Priority.ALWAYS);

        undo.setId("undoChange");
        undo.setTooltip(new Tooltip("Set back just the fields this change touched (refused if a later change touched them too)"));
        restore.setId("restoreVersion");
        restore.setTooltip(new Tooltip("Set every field back to how it was in this version"));
        HBox actions = new HBox(8, undo, restore);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, error, message, list, actions);
    }

    private void initListeners() {
        heading.textProperty().bind(vm.headingProperty());
        busy.visibleProperty().bind(vm.loadingProperty().or(vm.workingProperty()));
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        list.setItems(vm.entries());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedProperty().set(now));
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        refresh.setOnAction(e -> vm.reload());
        undo.setOnAction(e -> vm.undoSelected());
        restore.setOnAction(e -> vm.restoreSelected());
        // writes wait for Supabase: disabled on the backup, saying why, as every edit is
        EditLock.bind(vm.shop(), undo, vm.canUndoProperty().not().or(vm.workingProperty()));
        EditLock.bind(vm.shop(), restore, vm.canRestoreProperty().not().or(vm.workingProperty()));
    }

    /** Title and who, when, then what changed field by field. */
    private static final class EntryCell extends ListCell<HistoryViewModel.Entry> {
        EntryCell() {
            setPrefWidth(0); // as wide as the list, no wider: long values wrap instead of scrolling sideways
        }

        @Override
        protected void updateItem(HistoryViewModel.Entry e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(e.title());
            title.getStyleClass().add("history-title");
            Label who = new Label(e.who() + "  ·  " + e.when());
            who.getStyleClass().add("history-who");
            VBox box = new VBox(title, who);
            box.getStyleClass().add("history-entry");
            for (String d : e.details()) {
                Label line = new Label(d);
                line.getStyleClass().add("history-detail");
                line.setWrapText(true);
                box.getChildren().add(line);
            }
            if (e.isPayment()) {
                title.getStyleClass().add("history-detail-payment");
            }
            setGraphic(box);
            setText(null);
        }
    }
}
