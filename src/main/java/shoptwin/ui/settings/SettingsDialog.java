package shoptwin.ui.settings;

import atlantafx.base.theme.Styles;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.common.Forms;

/**
 * File → Settings…: where Supabase and the MongoDB copy are, each with a connection test; and the history's staff
 * name and how many days it keeps old versions.
 */
public final class SettingsDialog extends Dialog<ButtonType> {
    private final SettingsViewModel vm;
    private final TextField supabaseUrl = new TextField();
    private final PasswordField supabasePassword = new PasswordField();
    private final TextField mongoUri = new TextField();
    private final TextField mongoDatabase = new TextField();
    private final TextField staffName = new TextField();
    private final TextField historyDays = new TextField();
    private final Button testSupabase = new Button("Test connection", new FontIcon(Feather.ZAP));
    private final Button testMongo = new Button("Test connection", new FontIcon(Feather.ZAP));
    private final Label supabaseResult = new Label();
    private final Label mongoResult = new Label();
    private final Label error = new Label();
    private final ButtonType saveType = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    public SettingsDialog(SettingsViewModel vm, Window owner) {
        this.vm = vm;
        if (owner != null) {
            initOwner(owner);
        }
        createView();
        initListeners();
    }

    private void createView() {
        setTitle("Settings");
        setHeaderText("Where the shop's data lives");
        getDialogPane().setId("settingsDialog");
        getDialogPane().getButtonTypes().setAll(saveType, ButtonType.CANCEL);
        getDialogPane().setPrefWidth(760);
        getDialogPane().setMinWidth(720);
        getDialogPane().getStylesheets().add(Forms.stylesheet());

        supabaseUrl.setId("supabaseUrl");
        supabaseUrl.setPromptText(SettingsViewModel.SUPABASE_URL_EXAMPLE);
        supabasePassword.setId("supabasePassword");
        mongoUri.setId("mongoUri");
        mongoUri.setPromptText(SettingsViewModel.MONGO_URI_EXAMPLE);
        mongoDatabase.setId("mongoDatabase");
        mongoDatabase.setPromptText(SettingsViewModel.MONGO_DATABASE_EXAMPLE);
        staffName.setId("staffName");
        staffName.setPromptText(SettingsViewModel.staffNamePrompt());
        historyDays.setId("historyDays");
        historyDays.setPromptText(SettingsViewModel.HISTORY_DAYS_PROMPT);
        historyDays.setPrefColumnCount(6);
        testSupabase.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        testMongo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        testSupabase.setId("testSupabase");
        testMongo.setId("testMongo");
        supabaseResult.setId("supabaseResult");
        mongoResult.setId("mongoResult");
        for (Label l : new Label[] {supabaseResult, mongoResult}) {
            l.setWrapText(true);
            l.managedProperty().bind(l.visibleProperty());
        }

        GridPane grid = Forms.grid();
        Label pg = new Label("Supabase (PostgreSQL)");
        pg.getStyleClass().add("section-title");
        grid.add(pg, 0, 0, 2, 1);
        Forms.row(grid, 1, "Database URL", supabaseUrl, vm.supabaseUrlHintProperty(), "supabaseUrlHint");
        Forms.row(grid, 2, "Password", supabasePassword, null, null);
        grid.add(resultRow(testSupabase, supabaseResult), 1, 3);
        Label mongo = new Label("MongoDB (the copy)");
        mongo.getStyleClass().add("section-title");
        grid.add(mongo, 0, 4, 2, 1);
        Forms.row(grid, 5, "URI", mongoUri, null, null);
        Forms.row(grid, 6, "Database", mongoDatabase, null, null);
        grid.add(resultRow(testMongo, mongoResult), 1, 7);
        Label history = new Label("History (who changed what; undo)");
        history.getStyleClass().add("section-title");
        grid.add(history, 0, 8, 2, 1);
        Forms.row(grid, 9, "Staff name", staffName, vm.staffNameErrorProperty(), "staffNameError");
        Forms.row(grid, 10, "Keep history (days)", historyDays, vm.historyDaysErrorProperty(), "historyDaysError");

        Label note = new Label("Leave the Supabase URL empty to use the built-in demo databases. "
                + "Changes take effect the next time ShopTwin starts."
                + (vm.storageDescription().isEmpty() ? "" : "\nSaved to " + vm.storageDescription() + " (readable by you only)."));
        note.getStyleClass().addAll("muted", Styles.TEXT_SMALL);
        note.setWrapText(true);
        error.setId("settingsError");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        getDialogPane().setContent(new VBox(14, grid, note, error));
    }

    private static HBox resultRow(Button test, Label result) {
        HBox box = new HBox(10, test, result);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void initListeners() {
        supabaseUrl.textProperty().bindBidirectional(vm.supabaseUrlProperty());
        supabasePassword.textProperty().bindBidirectional(vm.supabasePasswordProperty());
        mongoUri.textProperty().bindBidirectional(vm.mongoUriProperty());
        mongoDatabase.textProperty().bindBidirectional(vm.mongoDatabaseProperty());
        staffName.textProperty().bindBidirectional(vm.staffNameProperty());
        historyDays.textProperty().bindBidirectional(vm.historyDaysProperty());
        supabasePassword.promptTextProperty().bind(javafx.beans.binding.Bindings.when(vm.passwordSavedProperty())
                .then("A password is saved (not shown). Type to replace it.")
                .otherwise("Only if it is not in the URL"));
        bindResult(supabaseResult, vm.supabaseResultProperty(), vm.supabaseOkProperty());
        bindResult(mongoResult, vm.mongoResultProperty(), vm.mongoOkProperty());
        testSupabase.disableProperty().bind(vm.testingSupabaseProperty());
        testMongo.disableProperty().bind(vm.testingMongoProperty());
        testSupabase.setOnAction(e -> vm.testSupabase());
        testMongo.setOnAction(e -> vm.testMongo());
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());

        Button save = (Button) getDialogPane().lookupButton(saveType);
        save.setId("saveSettings");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(vm.savingProperty().or(vm.availableProperty().not()));
        // saving is asynchronous: keep the dialog open until the file is written
        save.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(() -> {
                setResult(saveType);
                close();
            });
        });
    }

    private static void bindResult(Label label, javafx.beans.value.ObservableStringValue text,
            javafx.beans.value.ObservableBooleanValue ok) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        Runnable style = () -> {
            label.getStyleClass().removeAll("test-result-ok", "test-result-failed");
            if (!label.getText().isEmpty() && !label.getText().equals("Testing…")) {
                label.getStyleClass().add(ok.get() ? "test-result-ok" : "test-result-failed");
            }
            label.setGraphic(label.getText().isEmpty() || label.getText().equals("Testing…") ? null
                    : new FontIcon(ok.get() ? Feather.CHECK_CIRCLE : Feather.X_CIRCLE));
        };
        text.addListener(o -> style.run());
        ok.addListener(o -> style.run());
    }
}
