package shoptwin.ui.outage;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import shoptwin.ui.ScreenshotTool;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.failover.StoreMode;
import shoptwin.store.CustomerQuery;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.status.LiveConsole;

/**
 * The README's screenshot of "Changes made during the outage", and a look at the banner and the screen in both
 * themes: the console works on the backup, a customer and two payments are made there, a phone is changed on
 * the backup while Supabase changes it too. Not a test: runs only when asked, e.g.
 * {@code xvfb-run -a mvn -B test -Dtest=OutageScreenshots -Dshoptwin.screenshots=assets/screenshots}
 * (the dark ones are named *-dark.png and are for looking, not committed).
 */
@EnabledIfSystemProperty(named = "shoptwin.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class OutageScreenshots {
    @TempDir
    static Path dir;
    static LiveConsole console;
    static Stage stage;

    @BeforeAll
    static void startDatabases() {
        console = new LiveConsole(dir, Duration.ofSeconds(1), 3, true, true);
    }

    @AfterAll
    static void stopDatabases() {
        if (console != null) {
            console.close();
        }
    }

    @Start
    void start(Stage s) {
        stage = s;
        MainWindow.applyTheme(false);
        s.setScene(new Scene(console.buildWindow(console.actions(), true), 1280, 820));
        s.show();
    }

    @Test
    void takeScreenshots(FxRobot robot) throws Exception {
        Path out = Path.of(System.getProperty("shoptwin.screenshots"));
        Files.createDirectories(out);
        Customer anna = console.primary().searchCustomers(CustomerQuery.firstPage("", 3)).items().get(1).customer();
        // work on the backup (the menu's switch), as during an outage
        robot.interact(() -> console.sync().bannerViewModel().toggle());
        await().atMost(Duration.ofSeconds(20)).until(() -> console.failover().mode() == StoreMode.BACKUP_READ_ONLY);
        var backup = console.workingBackup();
        Customer seen = backup.getCustomer(anna.id()).orElseThrow();
        backup.updateCustomer(anna.id(), seen.version(), new CustomerDraft(seen.name(), "+49 30 5550 1001", seen.email(),
                seen.address(), seen.notes()));
        Customer now = console.primary().getCustomer(anna.id()).orElseThrow();
        console.primary().updateCustomer(anna.id(), now.version(), new CustomerDraft(now.name(), "+49 30 5550 2002", now.email(),
                now.address(), now.notes()));
        Customer zara = backup.createCustomer(new CustomerDraft("Zara Quinn", "+49 30 1234 5678", "zara@example.com", null, null));
        backup.createPayment(new PaymentDraft(zara.id(), "24.90", PaymentMethod.CASH, "T-1041", null, Instant.now()));
        backup.createPayment(new PaymentDraft(zara.id(), "12.00", PaymentMethod.CARD, "T-1042", null, Instant.now()));
        // the mirror's leader replays: the new rows go in, the phone waits for a decision
        await().atMost(Duration.ofSeconds(60)).until(() -> console.outage().summary().needDecision() == 1
                && console.outage().summary().pending() == 0);
        robot.interact(() -> console.sync().bannerViewModel().refreshJournal());
        robot.interact(() -> console.sync().outageScreen().open());
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> console.sync().outageScreen().viewModel().rows().size()) == 4);
        robot.interact(() -> {
            OutageViewModel vm = console.sync().outageScreen().viewModel();
            vm.rows().stream().filter(OutageViewModel.Row::needsDecision).findFirst().ifPresent(vm::select);
        });
        shoot(outageWindow(), out.resolve("outage-screen.png"));
        shoot(stage, out.resolve("outage-banner.png"));
        robot.interact(() -> MainWindow.applyTheme(true));
        WaitForAsyncUtils.waitForFxEvents();
        shoot(outageWindow(), out.resolve("outage-screen-dark.png"));
        shoot(stage, out.resolve("outage-banner-dark.png"));
        robot.interact(() -> MainWindow.applyTheme(false));
    }

    private static Window outageWindow() throws Exception {
        return fx(() -> Window.getWindows().stream().filter(w -> w instanceof OutageWindow).findFirst().orElseThrow());
    }

    private static void shoot(Window window, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> window.getScene().snapshot(null));
        ScreenshotTool.writePng(image, file);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
