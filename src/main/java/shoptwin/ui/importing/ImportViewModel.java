package shoptwin.ui.importing;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.importing.CustomerFile;
import shoptwin.importing.CustomerImport;
import shoptwin.importing.ImportPlan;
import shoptwin.importing.ImportReport;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * File → Import customers: choose a CSV, see a preview (how many rows would be added, each refused row
 * with its row number and reason, each duplicate), then import with a progress bar and Cancel. Reading,
 * checking and writing all run in the background; progress comes back through {@code fxThread}.
 */
public final class ImportViewModel {
    public enum Stage { CHOOSE, READING, PREVIEW, IMPORTING, DONE }

    /** One line of the preview's table: the spreadsheet row and what happens to it. */
    public record Issue(long row, String kind, String reason) {
    }

    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final FileChoices files;
    private final Executor fxThread;
    private final int batchSize;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private Runnable onImported = () -> { };

    // ---- Properties
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(Stage.CHOOSE);
    private final ReadOnlyObjectWrapper<ImportPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ignored = new ReadOnlyStringWrapper("");
    private final ObservableList<Issue> issues = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canImport = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper importLabel = new ReadOnlyStringWrapper("Import");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ImportViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, FileChoices files, Executor fxThread) {
        this(store, executor, dialogs, files, fxThread, CustomerImport.BATCH);
    }

    public ImportViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, FileChoices files, Executor fxThread,
                           int batchSize) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.files = Objects.requireNonNull(files);
        this.fxThread = Objects.requireNonNull(fxThread);
        this.batchSize = batchSize;
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** "12 rows in customers.csv: 9 to add, 2 refused, 1 duplicate skipped." */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty ignoredProperty() {
        return ignored.getReadOnlyProperty();
    }

    /** Refused rows, then duplicates, in row order within each. */
    public ObservableList<Issue> issues() {
        return FXCollections.unmodifiableObservableList(issues);
    }

    public ReadOnlyBooleanProperty canImportProperty() {
        return canImport.getReadOnlyProperty();
    }

    /** "Import 9 customers". */
    public ReadOnlyStringProperty importLabelProperty() {
        return importLabel.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Called on the FX thread once customers were added (the list refreshes). */
    public void setOnImported(Runnable r) {
        this.onImported = Objects.requireNonNull(r);
    }

    // ---- Commands

    /** Asks for a file (in the last folder used) and previews it. */
    public boolean chooseFile() {
        return files.open("Import customers", DialogService.FileKind.CSV).map(p -> {
            preview(p);
            return true;
        }).orElse(false);
    }

    public void preview(Path file) {
        stage.set(Stage.READING);
        error.set("");
        result.set("");
        BackgroundTask.of(() -> ImportPlan.prepare(CustomerFile.read(file), store))
                .onSuccess(this::showPlan)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    error.set(UiErrors.userMessage(f));
                    stage.set(Stage.CHOOSE);
                })
                .executeWith(executor);
    }

    private void showPlan(ImportPlan p) {
        plan.set(p);
        summary.set(p.summary());
        ignored.set(p.ignoredColumns());
        issues.clear();
        p.refused().forEach(r -> issues.add(new Issue(r.row(), "Refused", r.reasons())));
        p.duplicates().forEach(d -> issues.add(new Issue(d.row(), "Duplicate", d.reason())));
        int n = p.toAdd().size();
        canImport.set(n > 0);
        importLabel.set(n == 0 ? "Nothing to import" : "Import " + n + (n == 1 ? " customer" : " customers"));
        stage.set(Stage.PREVIEW);
    }

    /** Writes the previewed rows, batch by batch, off the FX thread. */
    public void importNow() {
        ImportPlan p = plan.get();
        if (p == null || stage.get() != Stage.PREVIEW || p.toAdd().isEmpty()) {
            return;
        }
        cancel.set(false);
        stage.set(Stage.IMPORTING);
        progress.set(0);
        progressText.set("0 of " + p.toAdd().size());
        BackgroundTask.of(() -> new CustomerImport(store, batchSize).write(p,
                        (done, total) -> fxThread.execute(() -> {
                            progress.set((double) done / total);
                            progressText.set(done + " of " + total);
                        }), cancel::get))
                .onSuccess(this::finished)
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    error.set(UiErrors.userMessage(f));
                    stage.set(Stage.DONE);
                })
                .executeWith(executor);
    }

    private void finished(ImportReport report) {
        result.set(report.describe());
        if (!report.complete() && !report.cancelled()) {
            error.set("The import stopped: " + report.failure());
        }
        stage.set(Stage.DONE);
        if (report.added() > 0) {
            onImported.run();
        }
    }

    /** Stops after the batch being written; what was written stays, and the result says which rows. */
    public void cancel() {
        cancel.set(true);
    }
}
