package shoptwin.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import shoptwin.demo.SampleData;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.receipt.Receipt;
import shoptwin.receipt.ReceiptLayout;
import shoptwin.receipt.ReceiptPdf;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.FxUiExecutor;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.importing.ImportDialog;
import shoptwin.ui.importing.ImportViewModel;
import shoptwin.ui.main.ConsoleServices;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.main.MirrorIndicator;

/**
 * The README's screenshots of the Takings screen and the import preview (light and dark), and the
 * receipt PDFs (turn them into PNGs with pdftoppm), on an embedded PostgreSQL with the demo's sample
 * data. Run under xvfb-run like ScreenshotTool. A tool, not a test: it waits with sleeps.
 */
public final class FeatureScreenshots {
    private static Path out;
    private static PostgresShopStore store;

    public static void main(String[] args) throws Exception {
        out = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
        Files.createDirectories(out);
        Database database = new Database(TestDatabases.freshPostgres());
        database.migrate();
        SampleData.insertIfEmpty(database.dataSource());
        store = new PostgresShopStore(database, true);
        Customer priya = store.createCustomer(new CustomerDraft("प्रिया शर्मा (Priya Sharma)", "+91 98450 12345", null,
                "21 Anna Salai, Chennai", null));
        Payment p = store.createPayment(new PaymentDraft(priya.id(), "1250.50", PaymentMethod.UPI, "UPI 4471 2231",
                "Silk saree, balance paid", Instant.now().minusSeconds(3600)));
        Receipt receipt = Receipt.load(store, p.id(), Locale.ENGLISH);
        for (ReceiptLayout l : ReceiptLayout.values()) {
            Path pdf = out.resolve("receipt-" + l.option() + ".pdf");
            new ReceiptPdf(l).write(receipt, pdf);
            System.out.println("wrote " + pdf);
        }
        Application.launch(Shots.class, args);
        store.close();
        System.exit(0);
    }

    public static final class Shots extends Application {
        private Stage stage;
        private MainWindow window;

        @Override
        public void start(Stage primary) {
            this.stage = primary;
            MainWindow.applyTheme(false);
            window = new MainWindow(new ConsoleServices(store, true, new FxUiExecutor(2), null, new MemoryUiPreferences(),
                    null, null));
            window.viewModel().mirrorIndicatorProperty().set(new MirrorIndicator(MirrorIndicator.Level.OK,
                    "Mirror: up to date (lag 0.4 s)"));
            stage.setTitle("ShopTwin");
            stage.setScene(new Scene(window, 1440, 900));
            stage.show();
            Thread script = new Thread(this::script, "screenshots");
            script.setDaemon(true);
            script.start();
        }

        private void script() {
            try {
                pause(2500);
                for (boolean dark : new boolean[] {false, true}) {
                    String suffix = dark ? "-dark" : "";
                    fx(() -> window.viewModel().darkThemeProperty().set(dark));
                    fx(() -> ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#navTakings")).fire());
                    pause(800);
                    fx(() -> {
                        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Kolkata"));
                        window.takingsViewModel().customFromProperty().set(today.minusDays(13));
                        window.takingsViewModel().customToProperty().set(today);
                        window.takingsViewModel().showCustom();
                    });
                    pause(2500);
                    shoot(stage.getScene(), "takings" + suffix + ".png");

                    AtomicReference<ImportDialog> dialog = new AtomicReference<>();
                    fx(() -> {
                        ImportViewModel vm = new ImportViewModel(store, new FxUiExecutor(1), new shoptwin.ui.common.FxDialogService(() -> stage),
                                FileChoices.inMemory(new shoptwin.ui.common.FxDialogService(() -> stage)), Platform::runLater);
                        ImportDialog d = new ImportDialog(vm, stage);
                        d.show();
                        vm.preview(Path.of("src/test/resources/shoptwin/importing/customers-with-problems.csv"));
                        dialog.set(d);
                    });
                    pause(2500);
                    shoot(dialog.get().getScene(), "import-preview" + suffix + ".png");
                    fx(() -> dialog.get().close());
                    fx(() -> ((javafx.scene.control.ToggleButton) stage.getScene().lookup("#navCustomers")).fire());
                    pause(800);
                }
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
            }
        }
    }

    private static void pause(long millis) throws InterruptedException {
        ScreenshotTool.pause(millis);
    }

    private static void fx(Runnable r) throws InterruptedException {
        ScreenshotTool.fx(r);
    }

    private static void shoot(Scene scene, String name) throws Exception {
        ScreenshotTool.shoot(scene, out.resolve(name));
    }
}
