package shoptwin.ui.outage;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.common.Forms;

/** The "Changes made during the outage" screen: the list, and for the selected change its fields and the decisions. */
public final class OutageView extends BorderPane {
    private final OutageViewModel vm;
    private final TableView<OutageViewModel.Row> list = new TableView<>();
    private final TableView<OutageViewModel.FieldRow> fields = new TableView<>();
    private final Label summary = new Label();
    private final Label detail = new Label();
    private final Label message = new Label();
    private final ChoiceBox<OutageViewModel.Show> show = new ChoiceBox<>();
    private final Button replay = new Button("Send to Supabase now", new FontIcon(Feather.UPLOAD_CLOUD));
    private final Button keepMine = new Button("Keep mine", new FontIcon(Feather.CHECK));
    private final Button keepTheirs = new Button("Keep Supabase's", new FontIcon(Feather.X));
    private final Button recreate = new Button("Recreate the customer", new FontIcon(Feather.USER_PLUS));

    public OutageView(OutageViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setId("outageScreen");
        getStylesheets().add(Forms.stylesheet());
        getStyleClass().add("screen");
        Label title = new Label("Changes made during the outage", new FontIcon(Feather.GIT_MERGE));
        title.getStyleClass().add(Styles.TITLE_3);
        summary.setId("outageSummary");
        summary.getStyleClass().add("muted");
        show.setId("outageShow");
        show.getItems().setAll(OutageViewModel.Show.values());
        replay.setId("outageReplay");
        HBox header = new HBox(12, new VBox(4, title, summary), new Spacer(), show, replay);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);

        list.setId("outageList");
        list.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.getColumns().add(stateColumn());
        list.getColumns().add(column("Change", 200, OutageViewModel.Row::what));
        list.getColumns().add(column("Customer", 150, OutageViewModel.Row::customer));
        list.getColumns().add(column("Made by", 160, OutageViewModel.Row::madeBy));
        list.getColumns().add(column("When", 140, OutageViewModel.Row::madeAt));
        list.setPlaceholder(new Label("No change was made on the backup."));
        list.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(OutageViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("decide"), !empty && item != null && item.needsDecision());
            }
        });

        fields.setId("outageFields");
        fields.getStyleClass().addAll(Styles.DENSE);
        fields.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        fields.getColumns().add(fieldColumn("Field", 100, OutageViewModel.FieldRow::field));
        fields.getColumns().add(fieldColumn("Before", 140, OutageViewModel.FieldRow::before));
        fields.getColumns().add(fieldColumn("Yours (on the backup)", 170, OutageViewModel.FieldRow::mine));
        fields.getColumns().add(fieldColumn("Supabase's now", 170, OutageViewModel.FieldRow::supabase));
        fields.setPlaceholder(new Label("Select a change to see its fields."));
        fields.setPrefHeight(190);
        detail.setId("outageDetail");
        detail.setWrapText(true);
        keepMine.setId("outageKeepMine");
        keepMine.getStyleClass().add(Styles.ACCENT);
        keepTheirs.setId("outageKeepTheirs");
        recreate.setId("outageRecreate");
        recreate.managedProperty().bind(recreate.visibleProperty());
        HBox decisions = new HBox(8, keepMine, keepTheirs, recreate);
        decisions.setAlignment(Pos.CENTER_LEFT);
        message.setId("outageMessage");
        message.setWrapText(true);
        message.getStyleClass().add("muted");
        VBox lower = new VBox(8, detail, fields, decisions, message);
        lower.setPadding(new Insets(10, 0, 0, 0));
        VBox.setVgrow(fields, Priority.ALWAYS);

        SplitPane split = new SplitPane(list, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        setCenter(split);
        setPadding(new Insets(16));
    }

    private void initListeners() {
        list.setItems(vm.rows());
        fields.setItems(vm.fields());
        summary.textProperty().bind(vm.summaryProperty());
        detail.textProperty().bind(vm.detailProperty());
        message.textProperty().bind(vm.messageProperty());
        show.setValue(vm.showProperty().get());
        show.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.show(now);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.select(now);
            }
        });
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now != list.getSelectionModel().getSelectedItem()) {
                if (now == null) {
                    list.getSelectionModel().clearSelection();
                } else {
                    list.getSelectionModel().select(now);
                }
            }
        });
        keepMine.disableProperty().bind(vm.canKeepMineProperty().not());
        keepTheirs.disableProperty().bind(vm.canKeepTheirsProperty().not());
        recreate.visibleProperty().bind(vm.canRecreateProperty());
        replay.disableProperty().bind(vm.busyProperty());
        keepMine.setOnAction(e -> vm.keepMine());
        keepTheirs.setOnAction(e -> vm.keepTheirs());
        recreate.setOnAction(e -> vm.recreateCustomer());
        replay.setOnAction(e -> vm.replayNow());
    }

    private TableColumn<OutageViewModel.Row, String> stateColumn() {
        TableColumn<OutageViewModel.Row, String> c = column("State", 170, OutageViewModel.Row::state);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS, Styles.WARNING);
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(item.contains("decision") ? Styles.DANGER : item.startsWith("Waiting") ? Styles.WARNING
                            : Styles.SUCCESS);
                }
            }
        });
        return c;
    }

    private static TableColumn<OutageViewModel.Row, String> column(String title, double width,
            Function<OutageViewModel.Row, String> text) {
        TableColumn<OutageViewModel.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    private static TableColumn<OutageViewModel.FieldRow, String> fieldColumn(String title, double width,
            Function<OutageViewModel.FieldRow, String> text) {
        TableColumn<OutageViewModel.FieldRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                OutageViewModel.FieldRow row = getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove(Styles.TEXT_BOLD);
                if (!empty && row != null && row.conflict()) {
                    getStyleClass().add(Styles.TEXT_BOLD);
                }
            }
        });
        return c;
    }
}
