package shoptwin.ui.history;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.store.Staff;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.mongo.MongoShopHistory;
import shoptwin.store.postgres.PostgresRowWrites;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.recyclebin.RecycleBinViewModel;
import shoptwin.ui.status.LiveConsole;

/**
 * The README's screenshot of the History tab (light), and the History tab, the Undo message and the recycle bin in
 * both themes to look at, on the demo's sample shop. Not a test: runs only when asked, e.g.
 * {@code xvfb-run -a mvn -B test -Dtest=HistoryScreenshots -Dshoptwin.screenshots=/tmp/shots}.
 */
@EnabledIfSystemProperty(named = "shoptwin.screenshots", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class HistoryScreenshots {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    static LiveConsole console;
    static Stage stage;
    static MainWindow window;
    static HistoryConsole history;

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
        window = console.buildWindow(console.actions(), false);
        HistoryActions actions = new HistoryActions(new MongoShopHistory(console.mongo(), "MongoDB backup"),
                new PostgresRowWrites(console.database(), console.primary()::staff), Instant::toString);
        history = HistoryConsole.install(window, actions, console.executor(), 90, Clock.systemDefaultZone());
        s.setScene(new Scene(window, 1280, 820));
        s.show();
    }

    @Test
    void takeScreenshots(FxRobot robot) throws Exception {
        Path out = Path.of(System.getProperty("shoptwin.screenshots"));
        Files.createDirectories(out);
        var store = console.primary();
        var some = store.searchCustomers(CustomerQuery.firstPage("", 6)).items().stream().map(CustomerSummary::customer).toList();
        Customer c = some.get(2);
        store.setStaff(new Staff("Meera", "TILL-2", Staff.CONSOLE));
        c = store.updateCustomer(c.id(), c.version(), new CustomerDraft(c.name(), "+49 30 5550 1234", c.email(), c.address(), c.notes()));
        store.createPayment(new PaymentDraft(c.id(), "42.80", PaymentMethod.CARD, "R-20931", null, Instant.now()));
        store.setStaff(new Staff("Asha", "SHOP-PC", Staff.CONSOLE));
        c = store.updateCustomer(c.id(), c.version(), new CustomerDraft(c.name(), c.phone(), c.email(), c.address(),
                "Prefers a call after 5pm"));
        try (var conn = console.database().dataSource().getConnection(); var st = conn.createStatement()) {
            conn.setAutoCommit(false); // a change made in Supabase's SQL editor, as postgres-meta
            st.execute("set local application_name = 'postgres-meta 0.84.2'");
            st.execute("update public.customers set email = 'new." + c.email() + "' where id = '" + c.id() + "'");
            conn.commit();
        }
        mirrored();

        for (boolean dark : new boolean[] {false, true}) {
            String theme = dark ? "dark" : "light";
            robot.interact(() -> MainWindow.applyTheme(dark));
            robot.interact(() -> window.viewModel().navigate(shoptwin.ui.main.MainViewModel.Screen.CUSTOMERS));
            select(robot, c);
            TabPane tabs = robot.lookup("#customerTabs").queryAs(TabPane.class);
            robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "historyTab".equals(t.getId())).findFirst().orElseThrow()));
            @SuppressWarnings("unchecked")
            ListView<HistoryViewModel.Entry> list = robot.lookup("#historyList").queryAs(ListView.class);
            try {
                await().atMost(WAIT).until(() -> fx(() -> list.getItems().size()) >= 4);
            } catch (Throwable t) {
                shoot(out.resolve("failed.png"));
                System.out.println("DIAG heading=" + fx(() -> history.history().headingProperty().get()) + " error=" + fx(() -> history.history().errorProperty().get())
                        + " n=" + fx(() -> history.history().entries().size()) + " loading=" + fx(() -> history.history().loadingProperty().get())
                        + " paymentsCustomer=" + fx(() -> window.customersViewModel().payments().customerProperty().get())
                        + " docs=" + console.mongo().getCollection("shoptwin_history").countDocuments());
                throw t;
            }
            robot.interact(() -> list.getSelectionModel().select(1));
            shoot(out.resolve("history-" + theme + ".png"));

            // a delete, its Undo message, and the recycle bin
            Customer gone = some.get(dark ? 4 : 3);
            select(robot, gone);
            robot.interact(() -> robot.lookup("#deleteCustomer").queryButton().fire());
            await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#undoNotice").query().isVisible()));
            shoot(out.resolve("undo-notice-" + theme + ".png"));
            mirrored();
            robot.interact(() -> window.viewModel().navigate(shoptwin.ui.main.MainViewModel.Screen.RECYCLE_BIN));
            @SuppressWarnings("unchecked")
            TableView<RecycleBinViewModel.Entry> bin = robot.lookup("#recycleBinTable").queryAs(TableView.class);
            await().atMost(WAIT).until(() -> fx(() -> bin.getItems().stream().anyMatch(e -> e.row().delete().rowId().equals(gone.id()))));
            robot.interact(() -> bin.getSelectionModel().select(0));
            shoot(out.resolve("recycle-bin-" + theme + ".png"));
        }
    }

    private static void mirrored() {
        await().atMost(WAIT).until(() -> console.mirror().health().backlog() == 0);
    }

    private static void select(FxRobot robot, Customer c) throws Exception {
        TextField search = robot.lookup("#customerSearch").queryAs(TextField.class);
        robot.interact(() -> search.setText(c.name()));
        TableView<CustomerSummary> table = robot.lookup("#customerTable").queryTableView();
        var customers = window.customersViewModel();
        await().atMost(WAIT).until(() -> fx(() -> !customers.loadingProperty().get() && !customers.searchPendingProperty().get()
                && !table.getItems().isEmpty()
                && table.getItems().stream().allMatch(s -> s.customer().name().contains(c.name()))));
        // click the row (again, if a late re-render swallowed the click) until the detail shows this customer
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (fx(() -> c.name().equals(robot.lookup("#detailName").queryAs(javafx.scene.control.Label.class).getText())
                    && showing(robot.lookup("#customerDetail").query()))) {
                return true;
            }
            robot.clickOn((Node) robot.lookup(".table-row-cell")
                    .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof CustomerSummary s && s.customer().id().equals(c.id()))
                    .query());
            return false;
        });
    }

    private static boolean showing(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private static void shoot(Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        ScreenshotTool.writePng(image, file);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
