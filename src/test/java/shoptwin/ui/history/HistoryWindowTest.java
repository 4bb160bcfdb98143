package shoptwin.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
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
 * The History tab, the Undo message and the recycle bin in the real window, on real PostgreSQL and the MongoDB
 * peer with the mirror running: what a person clicks, and what Supabase holds afterwards.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryWindowTest {
    private static final Staff ASHA = new Staff("Asha", "SHOP-PC", Staff.CONSOLE);
    private static final Staff MEERA = new Staff("Meera", "TILL-2", Staff.CONSOLE);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LiveConsole console;
    MainWindow window;

    @BeforeAll
    static void startDatabases() {
        console = new LiveConsole(dir, Duration.ofMillis(300), 3);
        console.primary().setStaff(ASHA);
    }

    @AfterAll
    static void stopDatabases() {
        if (console != null) {
            console.close();
        }
    }

    @Start
    void start(Stage stage) {
        MainWindow.applyTheme(false);
        window = console.buildWindow(console.actions(), false);
        HistoryActions actions = new HistoryActions(new MongoShopHistory(console.mongo(), "MongoDB backup (test)"),
                new PostgresRowWrites(console.database(), console.primary()::staff), Instant::toString);
        HistoryConsole.install(window, actions, console.executor(), 90, Clock.systemUTC());
        stage.setScene(new Scene(window, 1200, 780));
        stage.show();
    }

    @Test
    void theHistoryTabShowsWhoChangedWhatAndUndoSetsItBack(FxRobot robot) throws Exception {
        Customer c = customerNamed(robot, "Anna Meyer");
        String phone = c.phone();
        console.primary().setStaff(MEERA);
        console.primary().updateCustomer(c.id(), c.version(), new CustomerDraft(c.name(), "+49 30 9999 0000", c.email(), c.address(), c.notes()));
        console.primary().setStaff(ASHA);
        mirrored();

        select(robot, c);
        showHistoryTab(robot);
        @SuppressWarnings("unchecked")
        ListView<HistoryViewModel.Entry> list = robot.lookup("#historyList").queryAs(ListView.class);
        await().atMost(WAIT).until(() -> fx(() -> list.getItems().size()) >= 2);
        HistoryViewModel.Entry newest = fx(() -> list.getItems().get(0));
        assertThat(newest.title()).isEqualTo("Customer changed");
        assertThat(newest.who()).isEqualTo("Meera (console on TILL-2)");
        assertThat(newest.details()).containsExactly("Phone: " + phone + " → +49 30 9999 0000");
        assertThat(fx(() -> robot.lookup("#undoChange").queryButton().isDisabled())).as("nothing selected").isTrue();

        robot.clickOn(robot.lookup(".history-list .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#undoChange");

        await().atMost(WAIT).until(() -> console.primary().getCustomer(c.id()).orElseThrow().phone().equals(phone));
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#historyMessage").queryAs(Label.class).getText())
                .equals("Undone: the customer's phone set back as before the change."));
        // the undo is a captured write in its turn: it appears at the top, by this console's person
        // (once the mirror has recorded it: the tab reads again on ↻)
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            robot.clickOn("#refreshHistory");
            return fx(() -> list.getItems().size() >= 3 && list.getItems().get(0).who().equals("Asha (console on SHOP-PC)")
                    && list.getItems().get(0).details().equals(java.util.List.of("Phone: +49 30 9999 0000 → " + phone)));
        });
    }

    @Test
    void onTheBackupTheHistoryReadsButItsButtonsSayWhyTheyWait(FxRobot robot) throws Exception {
        Customer c = customerNamed(robot, "Ben Okafor");
        select(robot, c);
        showHistoryTab(robot);
        @SuppressWarnings("unchecked")
        ListView<HistoryViewModel.Entry> list = robot.lookup("#historyList").queryAs(ListView.class);
        await().atMost(WAIT).until(() -> fx(() -> list.getItems().size()) >= 1);
        robot.interact(() -> window.viewModel().shop().setReadOnly(true, "Reading the read-only backup: changes wait for Supabase."));
        robot.clickOn(robot.lookup(".history-list .list-cell").nth(0).queryAs(javafx.scene.Node.class));

        Button undo = robot.lookup("#undoChange").queryButton();
        assertThat(fx(undo::isDisabled)).isTrue();
        assertThat(fx(() -> undo.getTooltip().getText())).contains("wait for Supabase");
        robot.interact(() -> window.viewModel().shop().setReadOnly(false, ""));
    }

    @Test
    void aDeleteOffersUndoAndTheRecycleBinBringsTheCustomerBackWithTheirPayment(FxRobot robot) throws Exception {
        Customer chloe = customerNamed(robot, "Chloe Rossi");
        assertThat(console.primary().countPayments(chloe.id())).isEqualTo(1);
        select(robot, chloe);
        robot.clickOn("#deleteCustomer");
        await().atMost(WAIT).until(() -> console.primary().getCustomer(chloe.id()).isEmpty());
        await().atMost(WAIT).until(() -> fx(() -> showing(robot.lookup("#undoNotice").query())));
        assertThat(fx(() -> robot.lookup("#undoNoticeText").queryAs(Label.class).getText())).isEqualTo("Deleted Chloe Rossi and their payment.");
        robot.clickOn("#dismissUndo");
        mirrored();

        robot.clickOn("#navRecycleBin");
        @SuppressWarnings("unchecked")
        TableView<RecycleBinViewModel.Entry> bin = robot.lookup("#recycleBinTable").queryAs(TableView.class);
        await().atMost(WAIT).until(() -> fx(() -> bin.getItems().stream().anyMatch(e -> e.what().equals("Chloe Rossi"))));
        RecycleBinViewModel.Entry entry = fx(() -> bin.getItems().stream().filter(e -> e.what().equals("Chloe Rossi")).findFirst().orElseThrow());
        assertThat(entry.with()).isEqualTo("1 payment");
        assertThat(entry.deletedBy()).isEqualTo("Asha (console on SHOP-PC)");
        robot.clickOn(robot.lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r && r.getItem() == entry).queryAs(javafx.scene.Node.class));
        robot.clickOn("#restoreDeleted");

        await().atMost(WAIT).until(() -> console.primary().getCustomer(chloe.id()).isPresent());
        assertThat(console.primary().getCustomer(chloe.id()).orElseThrow().name()).isEqualTo("Chloe Rossi");
        assertThat(console.primary().countPayments(chloe.id())).isEqualTo(1);
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#recycleBinMessage").queryAs(Label.class).getText())
                .equals("Restored Chloe Rossi and their payment."));
        await().atMost(WAIT).until(() -> fx(() -> bin.getItems().stream().noneMatch(e -> e.what().equals("Chloe Rossi"))));
    }

    @Test
    void undoInTheMessageRightAfterADeleteBringsThemBack(FxRobot robot) throws Exception {
        Customer david = customerNamed(robot, "David Schmidt");
        select(robot, david);
        robot.clickOn("#deleteCustomer");
        await().atMost(WAIT).until(() -> fx(() -> showing(robot.lookup("#undoNotice").query())));
        robot.clickOn("#undoDelete"); // at once: it waits for the mirror to record the delete

        await().atMost(WAIT).until(() -> console.primary().getCustomer(david.id()).isPresent());
        assertThat(console.primary().countPayments(david.id())).isEqualTo(1);
        await().atMost(WAIT).until(() -> fx(() -> robot.lookup("#undoNoticeText").queryAs(Label.class).getText())
                .equals("Restored David Schmidt and their payment."));
    }

    // ---- helpers

    private static void mirrored() {
        await().atMost(WAIT).until(() -> console.mirror().health().backlog() == 0
                && console.failover().store() != null);
    }

    private static Customer customerNamed(FxRobot robot, String name) {
        return console.primary().searchCustomers(CustomerQuery.firstPage(name, 5)).items().stream()
                .map(CustomerSummary::customer).filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static void select(FxRobot robot, Customer c) throws Exception {
        TableView<CustomerSummary> table = robot.lookup("#customerTable").queryTableView();
        TextField search = robot.lookup("#customerSearch").queryAs(TextField.class);
        robot.interact(() -> search.setText(c.name()));
        // the search has applied (only matching rows) and no read is under way, so the row clicked stays selected
        var customers = console.window().customersViewModel();
        await().atMost(WAIT).until(() -> fx(() -> !customers.loadingProperty().get() && !customers.searchPendingProperty().get()
                && !table.getItems().isEmpty()
                && table.getItems().stream().allMatch(s -> s.customer().name().contains(c.name()))));
        // click the row (again, if a late re-render swallowed the click) until the detail shows this customer
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (fx(() -> showing(robot.lookup("#deleteCustomer").query())
                    && c.name().equals(robot.lookup("#detailName").queryAs(Label.class).getText()))) {
                return true;
            }
            TableRow<CustomerSummary> row = robot.lookup(".table-row-cell")
                    .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof CustomerSummary s && s.customer().id().equals(c.id())
                            && showing(n))
                    .query();
            robot.clickOn(row);
            return false;
        });
    }

    private static boolean showing(javafx.scene.Node n) {
        for (javafx.scene.Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private static void showHistoryTab(FxRobot robot) {
        TabPane tabs = robot.lookup("#customerTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "historyTab".equals(t.getId())).findFirst().orElseThrow()));
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
