package shoptwin.ui.importing;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.common.Forms;

/** The import window: the preview (counts, refused rows, duplicates), then progress and Cancel, then the result. */
public final class ImportDialog extends Stage {
    private final ImportViewModel vm;
    private final Label summary = new Label("Choose a CSV file whose first row names the columns: name, phone, email,"
            + " address, notes.");
    private final Label ignored = new Label();
    private final Label error = new Label();
    private final Label result = new Label();
    private final TableView<ImportViewModel.Issue> issues = new TableView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Button choose = new Button("Choose file…", new FontIcon(Feather.FOLDER));
    private final Button importButton = new Button("Import", new FontIcon(Feather.UPLOAD));
    private final Button cancel = new Button("Cancel");
    private final Button close = new Button("Close");

    public ImportDialog(ImportViewModel vm, Window owner) {
        this.vm = vm;
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        setTitle("Import customers");
        createView();
        initListeners();
    }

    private void createView() {
        Label title = new Label("Import customers from CSV");
        title.getStyleClass().add(Styles.TITLE_3);
        summary.setId("importSummary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.setWrapText(true);
        ignored.setId("importIgnored");
        ignored.getStyleClass().add("muted");
        for (Label l : new Label[] {ignored, error, result}) {
            l.setWrapText(true);
            l.managedProperty().bind(l.visibleProperty());
        }
        error.setId("importError");
        error.getStyleClass().add(Styles.DANGER);
        result.setId("importResult");
        result.getStyleClass().add(Styles.SUCCESS);

        issues.setId("importIssues");
        issues.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        issues.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        issues.getColumns().add(column("Row", 60, i -> Long.toString(i.row())));
        issues.getColumns().add(column("What", 90, ImportViewModel.Issue::kind));
        issues.getColumns().add(column("Why", 400, ImportViewModel.Issue::reason));
        issues.setPlaceholder(new Label("Every row can be imported."));
        VBox.setVgrow(issues, Priority.ALWAYS);

        progress.setId("importProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        progressText.setId("importProgressText");
        HBox progressRow = new HBox(10, progress, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.visibleProperty().bind(vm.stageProperty().isEqualTo(ImportViewModel.Stage.IMPORTING));
        progressRow.managedProperty().bind(progressRow.visibleProperty());

        choose.setId("importChoose");
        importButton.setId("importNow");
        importButton.getStyleClass().add(Styles.ACCENT);
        cancel.setId("importCancel");
        close.setId("importClose");
        HBox buttons = new HBox(8, choose, new Spacer(), importButton, cancel, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox body = new VBox(10, title, summary, ignored, error, issues, progressRow, result);
        body.setPadding(new Insets(16));
        BorderPane root = new BorderPane(body);
        root.setBottom(buttons);
        BorderPane.setMargin(buttons, new Insets(0, 16, 16, 16));
        root.setId("importDialog");
        Scene scene = new Scene(root, 760, 520);
        scene.getStylesheets().add(Forms.stylesheet());
        setScene(scene);
    }

    private void initListeners() {
        summary.textProperty().bind(javafx.beans.binding.Bindings.when(vm.summaryProperty().isEmpty())
                .then(summary.getText()).otherwise(vm.summaryProperty()));
        ignored.textProperty().bind(vm.ignoredProperty());
        ignored.visibleProperty().bind(vm.ignoredProperty().isNotEmpty());
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        result.textProperty().bind(vm.resultProperty());
        result.visibleProperty().bind(vm.resultProperty().isNotEmpty());
        issues.setItems(vm.issues());
        progress.progressProperty().bind(vm.progressProperty());
        progressText.textProperty().bind(vm.progressTextProperty());

        var stage = vm.stageProperty();
        importButton.textProperty().bind(vm.importLabelProperty());
        importButton.visibleProperty().bind(stage.isEqualTo(ImportViewModel.Stage.PREVIEW));
        importButton.disableProperty().bind(vm.canImportProperty().not());
        cancel.visibleProperty().bind(stage.isEqualTo(ImportViewModel.Stage.IMPORTING));
        choose.disableProperty().bind(stage.isEqualTo(ImportViewModel.Stage.IMPORTING).or(stage.isEqualTo(ImportViewModel.Stage.READING)));
        close.disableProperty().bind(stage.isEqualTo(ImportViewModel.Stage.IMPORTING));
        for (Button b : new Button[] {importButton, cancel}) {
            b.managedProperty().bind(b.visibleProperty());
        }
        choose.setOnAction(e -> vm.chooseFile());
        importButton.setOnAction(e -> vm.importNow());
        cancel.setOnAction(e -> vm.cancel());
        close.setOnAction(e -> hide());
        // closing the window while writing would hide the progress: ask to cancel instead
        setOnCloseRequest(e -> {
            if (stage.get() == ImportViewModel.Stage.IMPORTING) {
                vm.cancel();
                e.consume();
            }
        });
    }

    private static TableColumn<ImportViewModel.Issue, String> column(String title, double width,
            java.util.function.Function<ImportViewModel.Issue, String> text) {
        TableColumn<ImportViewModel.Issue, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }
}
