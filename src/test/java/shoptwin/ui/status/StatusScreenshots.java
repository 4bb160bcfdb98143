package shoptwin.ui.status;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
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
import shoptwin.failover.StoreMode;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.ui.main.MainWindow;

/**
 * Takes the README's screenshots of the status screen and the failover banner on the demo's sample
 * shop, with real outages from the drill buttons. Not a test: runs only when asked, e.g.
 * {@code xvfb-run -a mvn -B test -Dtest=StatusScreenshots -Dshoptwin.screenshots=assets/screenshots}.
 */
@EnabledIfSystemProperty(named = "shoptwin.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class StatusScreenshots {
    @TempDir
    static Path dir;
    static LiveConsole console;
    static Stage stage;
    private final AtomicBoolean editing = new AtomicBoolean(true);

    @BeforeAll
    static void startDatabases() {
        console = new LiveConsole(dir, Duration.ofSeconds(1), 3, true);
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
        Thread clerk = startEditing();
        try {
            robot.clickOn("#navStatus");
            fire(robot, "#verifyButton");
            await().atMost(Duration.ofSeconds(150)).until(() -> {
                String said = fx(() -> text(robot, "#jobMessage"));
                if (!said.startsWith("Supabase and MongoDB are equal") && !said.startsWith("Verifying")
                        && fx(() -> !robot.lookup("#verifyButton").queryButton().isDisabled())) {
                    System.out.println("screenshots: verify said '" + said + "'; again");
                    fire(robot, "#verifyButton"); // a result the clerk's edits in flight made differ, or one cleared when a database blinked
                }
                return said.startsWith("Supabase and MongoDB are equal");
            });
            await().atMost(Duration.ofSeconds(90)).until(() -> fx(() -> console.sync().statusViewModel().mirror().chartSamples().size()) >= 12);
            shoot(robot, out.resolve("status-healthy.png"));
            // the same screen in the dark theme, to look at (docs/status.md shows it)
            robot.interact(() -> console.window.viewModel().darkThemeProperty().set(true));
            robot.interact(() -> { });
            shoot(robot, out.resolve("status-healthy-dark.png"));
            robot.interact(() -> console.window.viewModel().darkThemeProperty().set(false));

            fire(robot, "#drillMongo");
            await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> text(robot, "#mirrorState")).startsWith("Retrying"));
            await().atMost(Duration.ofSeconds(120)).until(() -> console.mirror().health().backlog() >= 150
                    && fx(() -> console.sync().statusViewModel().mirror().chartSamples().size()) >= 24);
            robot.interact(() -> { });
            shoot(robot, out.resolve("status-retrying.png"));
            fire(robot, "#drillMongo");
            await().atMost(Duration.ofSeconds(120)).until(() -> console.mirror().health().backlog() == 0);
        } finally {
            editing.set(false);
            clerk.join(10_000);
        }

        fire(robot, "#drillSupabase");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> robot.lookup("#failoverBannerAction").queryButton().isVisible()));
        robot.clickOn("#failoverBannerAction");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.failover().mode() == StoreMode.BACKUP_READ_ONLY);
        robot.clickOn("#navCustomers");
        Customer someone = console.backup().searchCustomers(CustomerQuery.firstPage("", 3)).items().get(2).customer();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> robot.lookup(".table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof CustomerSummary s && s.customer().id().equals(someone.id()))
                .tryQuery().isPresent()));
        robot.clickOn((javafx.scene.Node) robot.lookup(".table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof CustomerSummary s && s.customer().id().equals(someone.id()))
                .query());
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> robot.lookup("#editCustomer").queryButton().isDisabled()
                && robot.lookup("#paymentTable").queryTableView().getItems().size() > 0));
        robot.moveTo("#failoverBannerText");
        shoot(robot, out.resolve("failover-banner.png"));
        robot.clickOn("#navStatus");
        // Supabase still down: Verify and Resync say why they wait
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> robot.lookup("#jobsUnavailable").query().isVisible()));
        robot.interact(() -> { });
        shoot(robot, out.resolve("status-supabase-down.png"));
        fire(robot, "#drillSupabase");
        await().atMost(Duration.ofSeconds(60)).until(() -> !fx(() -> robot.lookup("#drillSupabase").queryButton().isDisabled()));
    }

    /** A clerk renaming customers back and forth, about two changes a second. */
    private Thread startEditing() {
        List<Customer> some = console.primary().searchCustomers(CustomerQuery.firstPage("", 20)).items().stream()
                .map(CustomerSummary::customer).toList();
        Thread t = new Thread(() -> {
            int i = 0;
            while (editing.get()) {
                Customer c = some.get(i++ % some.size());
                try {
                    Customer now = console.primary().getCustomer(c.id()).orElseThrow();
                    String notes = "Visited " + i + " times";
                    console.primary().updateCustomer(c.id(), now.version(),
                            new CustomerDraft(now.name(), now.phone(), now.email(), now.address(), notes));
                } catch (RuntimeException e) {
                    // Supabase may be stopped by the drill; the clerk just tries the next one
                }
                java.util.concurrent.locks.LockSupport.parkNanos(450_000_000L);
            }
        }, "clerk");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void fire(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup(id).queryButton().fire());
    }

    private static void shoot(FxRobot robot, Path file) throws Exception {
        shoot(stage, robot, file);
    }

    /** The whole window as a PNG, the status screen scrolled to its top (WaysOutScreenTest shoots the DIVERGED state with it). */
    static void shoot(Stage stage, FxRobot robot, Path file) throws Exception {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        robot.interact(() -> robot.lookup("#statusScreen").tryQuery()
                .ifPresent(n -> ((javafx.scene.control.ScrollPane) n).setVvalue(0)));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        ScreenshotTool.writePng(image, file);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
