package shoptwin.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import shoptwin.demo.SampleData;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;
import shoptwin.ui.common.FxUiExecutor;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.main.ConsoleServices;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.main.MirrorIndicator;
import shoptwin.ui.settings.ConnectionSettings;
import shoptwin.ui.settings.ConnectionTester;
import shoptwin.ui.settings.SettingsDialog;
import shoptwin.ui.settings.SettingsRepository;
import shoptwin.ui.settings.SettingsViewModel;

/**
 * Takes the README's screenshots of the real window on a real (embedded) PostgreSQL with the demo's
 * sample data. Run under xvfb-run (see docs/console.md); writes PNGs with JavaFX's own snapshot.
 * A tool, not a test: it waits with sleeps between steps, which tests must not.
 */
public final class ScreenshotTool {
    private static Path out;
    private static PostgresShopStore store;

    public static void main(String[] args) throws Exception {
        out = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
        Files.createDirectories(out);
        Database database = new Database(TestDatabases.freshPostgres());
        database.migrate();
        SampleData.insertIfEmpty(database.dataSource());
        store = new PostgresShopStore(database, true);
        Application.launch(Shots.class, args);
        store.close();
        System.exit(0);
    }

    /** The JavaFX side; the outer class is the main class so that a plain classpath launch works. */
    public static final class Shots extends Application {
    private Stage stage;
    private MainWindow window;

    @Override
    public void start(Stage primary) {
        this.stage = primary;
        MainWindow.applyTheme(false);
        window = new MainWindow(new ConsoleServices(store, true, new FxUiExecutor(2), null, new MemoryUiPreferences(),
                new ExampleSettings(), new ExampleTester()));
        window.viewModel().mirrorIndicatorProperty().set(new MirrorIndicator(MirrorIndicator.Level.OK, "Mirror: up to date (lag 0.4 s)"));
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
            fx(() -> {
                TableView<?> table = (TableView<?>) lookup("#customerTable");
                table.getSelectionModel().select(2);
                table.requestFocus();
            });
            pause(1500);
            shoot(stage.getScene(), "customers.png");

            fx(() -> ((javafx.scene.control.Button) lookup("#addPayment")).fire());
            pause(400);
            fx(() -> ((TextInputControl) lookup("#paymentAmount")).setText("12.345"));
            fx(() -> ((TextInputControl) lookup("#paymentReference")).setText("UPI-2024-0912"));
            pause(600);
            shoot(stage.getScene(), "customer-detail.png");
            fx(() -> window.customersViewModel().payments().cancelForm());

            fx(() -> {
                window.customersViewModel().newCustomer();
                window.customersViewModel().form().nameProperty().set("Meera Pillai");
                window.customersViewModel().form().phoneProperty().set("98-12");
                window.customersViewModel().form().emailProperty().set("meera@example");
            });
            pause(600);
            shoot(stage.getScene(), "customer-form.png");
            fx(() -> {
                // emptied first: leaving a half-typed customer now asks Save / Discard / Cancel (a dialog)
                window.customersViewModel().form().nameProperty().set("");
                window.customersViewModel().form().phoneProperty().set("");
                window.customersViewModel().form().emailProperty().set("");
                window.customersViewModel().cancelForm();
            });

            fx(() -> ((javafx.scene.control.ToggleButton) lookup("#navShop")).fire());
            pause(1800);
            fx(() -> ((TextInputControl) lookup("#shopTaxId")).setText("29ABCDE1234F1Z5"));
            // a currency being changed: the picker's labels and the "relabelled, not converted" note
            fx(() -> window.shopSettingsViewModel().field("currency").set("USD"));
            pause(400);
            shoot(stage.getScene(), "shop-settings.png");
            fx(() -> window.shopSettingsViewModel().revert());
            fx(() -> ((javafx.scene.control.ToggleButton) lookup("#navCustomers")).fire());
            pause(800);

            AtomicReference<SettingsDialog> dialog = new AtomicReference<>();
            fx(() -> {
                SettingsViewModel vm = new SettingsViewModel(new ExampleSettings(), new ExampleTester(), new SameThread());
                SettingsDialog d = new SettingsDialog(vm, stage);
                vm.load();
                vm.testSupabase();
                vm.testMongo();
                dialog.set(d);
                d.show();
            });
            pause(1500);
            shoot(dialog.get().getDialogPane().getScene(), "settings-dialog.png");
            fx(() -> dialog.get().close());

            fx(() -> window.viewModel().darkThemeProperty().set(true));
            pause(1500);
            shoot(stage.getScene(), "customers-dark.png");
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            Platform.exit();
        }
    }

    private Node lookup(String id) {
        Node n = stage.getScene().lookup(id);
        if (n == null) {
            throw new IllegalStateException("no " + id);
        }
        return n;
    }

    }

    static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    static void fx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await(10, TimeUnit.SECONDS);
    }

    private static void shoot(Scene scene, String name) throws Exception {
        shoot(scene, out.resolve(name));
    }

    /** A PNG of the scene, by JavaFX's own snapshot (FeatureScreenshots uses it too). */
    static void shoot(Scene scene, Path target) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        fx(() -> image.set(scene.snapshot(null)));
        writePng(image.get(), target);
        System.out.println("wrote " + target.toFile());
    }

    /** A JavaFX snapshot written as a PNG file, pixel for pixel (the screenshot tools' one way to save one). */
    public static void writePng(WritableImage image, Path file) throws java.io.IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", file.toFile());
    }

    /** Settings as a configured shop would have them: the password comes back masked. */
    private static final class ExampleSettings implements SettingsRepository {
        @Override
        public ConnectionSettings load() {
            return new ConnectionSettings("postgresql://postgres.abcdefghijkl:Sup3rSecret@aws-0-ap-south-1.pooler.supabase.com:5432/postgres",
                    "", "mongodb+srv://shoptwin:M0ng0Secret@cluster0.example.mongodb.net", "shop-management");
        }

        @Override
        public void save(ConnectionSettings settings) {
        }

        @Override
        public String describe() {
            return "~/.config/shoptwin/settings.json";
        }
    }

    private static final class ExampleTester implements ConnectionTester {
        @Override
        public Result testSupabase(String url, String password) {
            return Result.ok("Connected: PostgreSQL 17.2 in 84 ms, schema up to date.");
        }

        @Override
        public Result testMongo(String uri, String database) {
            return Result.failed("Cannot reach MongoDB at cluster0.example.mongodb.net: timed out after 5 s.");
        }
    }

    private static final class SameThread implements shoptwin.ui.common.UiExecutor {
        @Override
        public <T> void execute(shoptwin.ui.common.BackgroundTask<T> task) {
            try {
                task.complete(task.work().call(), null);
            } catch (Exception e) {
                task.complete(null, e);
            }
        }
    }
}
