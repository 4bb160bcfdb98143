package shoptwin.ui.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.QueuedUiExecutor;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

/** The import preview and its progress, without a toolkit. */
class ImportViewModelTest {
    @TempDir
    Path dir;

    private final InMemoryShopStore store = new InMemoryShopStore();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final List<Runnable> fxThread = new ArrayList<>();

    private ImportViewModel vm(shoptwin.ui.common.UiExecutor executor, int batch) {
        return new ImportViewModel(store, executor, dialogs, new FileChoices(dialogs, new MemoryUiPreferences()), fxThread::add,
                batch);
    }

    @Test
    void thePreviewCountsTheRowsAndListsEachRefusedRowAndDuplicateBeforeAnythingIsWritten() {
        store.addCustomer("Existing Customer", "+1 555 0199", null);
        ImportViewModel vm = vm(new SameThreadUiExecutor(), 500);
        vm.preview(Path.of("src/test/resources/shoptwin/importing/customers-with-problems.csv"));

        assertThat(vm.stageProperty().get()).isEqualTo(ImportViewModel.Stage.PREVIEW);
        assertThat(vm.summaryProperty().get()).isEqualTo("10 rows in customers-with-problems.csv: 3 to add, 3 refused,"
                + " 4 duplicates skipped.");
        assertThat(vm.ignoredProperty().get()).isEqualTo("Ignored columns: Loyalty card.");
        assertThat(vm.issues()).extracting(ImportViewModel.Issue::row).containsExactly(3L, 4L, 10L, 6L, 7L, 9L, 11L);
        assertThat(vm.issues().get(0)).isEqualTo(new ImportViewModel.Issue(3, "Refused", "name: Name is required."));
        assertThat(vm.issues().get(3)).isEqualTo(new ImportViewModel.Issue(6, "Duplicate", "same phone as row 2"));
        assertThat(vm.importLabelProperty().get()).isEqualTo("Import 3 customers");
        assertThat(vm.canImportProperty().get()).isTrue();
        assertThat(store.customerCount()).isEqualTo(1);
    }

    @Test
    void importingShowsProgressPerBatchOffTheFxThreadAndThenTheResult() throws Exception {
        Path file = dir.resolve("walk-ins.csv");
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("Walk-in ").append(i).append(",+91 90000 0000").append(i).append('\n');
        }
        Files.writeString(file, csv);
        QueuedUiExecutor executor = new QueuedUiExecutor();
        ImportViewModel vm = vm(executor, 2);
        int[] refreshed = {0};
        vm.setOnImported(() -> refreshed[0]++);
        vm.preview(file);
        assertThat(vm.stageProperty().get()).isEqualTo(ImportViewModel.Stage.READING);
        executor.runNext();
        vm.importNow();
        assertThat(vm.stageProperty().get()).isEqualTo(ImportViewModel.Stage.IMPORTING);
        assertThat(vm.progressTextProperty().get()).isEqualTo("0 of 5");
        executor.runNext(); // the write, on the "background"; its progress waits for the FX thread
        assertThat(fxThread).hasSize(3);
        fxThread.forEach(Runnable::run);
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.progressTextProperty().get()).isEqualTo("5 of 5");
        assertThat(vm.stageProperty().get()).isEqualTo(ImportViewModel.Stage.DONE);
        assertThat(vm.resultProperty().get()).isEqualTo("Added 5 customers from walk-ins.csv.");
        assertThat(refreshed[0]).isEqualTo(1);
    }

    @Test
    void aRefusedFileSaysWhyAndLetsTheUserChooseAnother() throws Exception {
        Path file = dir.resolve("phones.csv");
        Files.writeString(file, "phone\n123456\n");
        ImportViewModel vm = vm(new SameThreadUiExecutor(), 500);
        vm.preview(file);
        assertThat(vm.stageProperty().get()).isEqualTo(ImportViewModel.Stage.CHOOSE);
        assertThat(vm.errorProperty().get()).startsWith("The file has no 'name' column");
    }
}
