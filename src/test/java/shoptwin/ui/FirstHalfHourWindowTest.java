package shoptwin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.ShopDraft;
import shoptwin.store.CustomerSummary;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;
import shoptwin.ui.common.FxUiExecutor;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.failover.FailoverBannerViewModel;
import shoptwin.ui.main.ConsoleServices;
import shoptwin.ui.main.MainWindow;

/**
 * What a shop owner's first half hour with the console ran into (issue 18, items 2, 4, 9, 10, 12, 13), in
 * the real window over the real PostgreSQL store: Tab in Address and Notes, the selected row and the list
 * following the saved customer, a search that leaves out the customer shown, Esc in the search and on a
 * half-typed customer, Ctrl+N from every screen and in backup mode, Save's reason, the remembered divider
 * and the Help menu.
 */
@ExtendWith(ApplicationExtension.class)
class FirstHalfHourWindowTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static Database database;
    private PostgresShopStore store;
    private FxUiExecutor executor;
    private MemoryUiPreferences preferences;
    private MainWindow window;
    private Stage stage;
    private final List<String> openedLinks = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        if (database == null) {
            database = new Database(TestDatabases.freshPostgres());
            database.migrate();
        }
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from public.payments");
            s.execute("delete from public.customers");
            s.execute("delete from public.shop");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        store = new PostgresShopStore(database, false);
        store.saveShop(0, new ShopDraft("Test Shop", "Asha", null, null, null, "USD", "UTC", null, null));
        executor = new FxUiExecutor(2);
        preferences = new MemoryUiPreferences();
        MainWindow.applyTheme(false);
        window = newWindow();
        stage.setScene(new Scene(window, 1280, 800));
        stage.show();
    }

    private MainWindow newWindow() {
        MainWindow w = new MainWindow(new ConsoleServices(store, false, executor, null, preferences, null, null));
        w.setLinkOpener(openedLinks::add);
        return w;
    }

    @AfterEach
    void closeStore() {
        executor.close();
        store.close();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    // ---- item 2: Tab moves focus in every field

    @Test
    void tabInAddressAndNotesMovesToTheNextFieldAndTypesNoTab(FxRobot robot) {
        newCustomerByKeys(robot);
        robot.write("Zara Quinn");
        robot.clickOn("#customerAddress").write("12 Main Street");
        robot.type(KeyCode.TAB);
        await().atMost(PATIENCE).until(() -> focused(robot, "#customerNotes"));
        robot.write("Prefers UPI");
        robot.type(KeyCode.TAB);
        await().atMost(PATIENCE).until(() -> !focused(robot, "#customerNotes"));
        assertThat(text(robot, "#customerAddress")).isEqualTo("12 Main Street");
        assertThat(text(robot, "#customerNotes")).isEqualTo("Prefers UPI");
        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        await().atMost(PATIENCE).until(() -> focused(robot, "#customerNotes"));
    }

    @Test
    void tabInTheShopsAddressMovesOnToo(FxRobot robot) {
        robot.clickOn("#navShop");
        await().atMost(PATIENCE).until(() -> text(robot, "#shopName").equals("Test Shop"));
        robot.clickOn("#shopAddress").write("1 Market Road");
        robot.type(KeyCode.TAB);
        await().atMost(PATIENCE).until(() -> !focused(robot, "#shopAddress"));
        assertThat(text(robot, "#shopAddress")).isEqualTo("1 Market Road");
    }

    // ---- item 4: the selection, the saved customer, "Saved"

    @Test
    void theListGoesToTheSavedCustomerSelectedAndSaysSaved(FxRobot robot) {
        for (int i = 0; i < 60; i++) {
            store.createCustomer(new CustomerDraft(String.format("Customer %04d", i), null, null, null, null));
        }
        showCustomers(robot);
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 50);
        clickRow(robot, 2);
        newCustomerByKeys(robot);
        robot.write("Customer 0055a");
        robot.clickOn("#saveCustomer");
        await().atMost(PATIENCE).until(() -> text(robot, "#pageText").equals("51–61 of 61"));
        await().atMost(PATIENCE).until(() -> selectedName(robot).equals("Customer 0055a"));
        assertThat(table(robot).getSelectionModel().getSelectedItems()).hasSize(1);
        assertThat(text(robot, "#customersNotice")).isEqualTo("Saved Customer 0055a.");
        assertThat(robot.lookup("#customersNotice").query().isVisible()).isTrue();
        assertThat(text(robot, "#detailName")).isEqualTo("Customer 0055a");
    }

    @Test
    void theSelectedRowStandsOutFromTheStripingInBothThemes(FxRobot robot) {
        for (int i = 0; i < 6; i++) {
            store.createCustomer(new CustomerDraft("Customer " + i, null, null, null, null));
        }
        showCustomers(robot);
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 6);
        clickRow(robot, 2);
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> window.viewModel().darkThemeProperty().set(dark));
            WaitForAsyncUtils.waitForFxEvents();
            Paint selected = background(row(robot, 2));
            // clearly visible: a luminance contrast with both neighbours (the striped and the plain) well
            // above the near-identical greys of the themes' own selection
            assertThat(contrast(selected, background(row(robot, 1)))).as(dark ? "dark" : "light").isGreaterThan(1.5);
            assertThat(contrast(selected, background(row(robot, 4)))).as(dark ? "dark" : "light").isGreaterThan(1.5);
        }
        robot.interact(() -> window.viewModel().darkThemeProperty().set(false));
    }

    // ---- item 10: a search that leaves out the customer shown

    @Test
    void aSearchThatLeavesOutTheShownCustomerTakesTheirDetailAway(FxRobot robot) {
        store.createCustomer(new CustomerDraft("Asha Rao", null, null, null, null));
        store.createCustomer(new CustomerDraft("Ben Ode", null, null, null, null));
        showCustomers(robot);
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 2);
        clickRow(robot, 0);
        await().atMost(PATIENCE).until(() -> shown(robot, "#addPayment") && text(robot, "#detailName").equals("Asha Rao"));
        robot.clickOn("#customerSearch").write("ben");
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 1);
        await().atMost(PATIENCE).until(() -> !shown(robot, "#customerDetailPanel"));
        assertThat(shown(robot, "#addPayment")).isFalse();
    }

    // ---- item 12: Esc, Ctrl+N, Help

    @Test
    void escapeAndTheClearButtonClearTheSearch(FxRobot robot) {
        store.createCustomer(new CustomerDraft("Asha Rao", null, null, null, null));
        store.createCustomer(new CustomerDraft("Ben Ode", null, null, null, null));
        showCustomers(robot);
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 2);
        assertThat(robot.lookup("#clearSearch").query().isVisible()).isFalse();
        robot.clickOn("#customerSearch").write("ben");
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 1);
        robot.type(KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 2);
        assertThat(text(robot, "#customerSearch")).isEmpty();

        robot.write("asha");
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 1);
        robot.clickOn("#clearSearch");
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 2);
        assertThat(text(robot, "#customerSearch")).isEmpty();
    }

    @Test
    void escapeOnAHalfTypedNewCustomerAsksFirst(FxRobot robot) throws Exception {
        showCustomers(robot);
        newCustomerByKeys(robot);
        robot.write("Half Typed");
        robot.type(KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> robot.lookup("#cancelLeaving").tryQuery().isPresent());
        robot.clickOn("#cancelLeaving");
        await().atMost(PATIENCE).until(() -> robot.lookup("#cancelLeaving").tryQuery().isEmpty());
        assertThat(shown(robot, "#customerFormPanel")).isTrue();
        assertThat(text(robot, "#customerName")).isEqualTo("Half Typed");

        robot.clickOn("#customerName").type(KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> robot.lookup("#discardChanges").tryQuery().isPresent());
        robot.clickOn("#discardChanges");
        await().atMost(PATIENCE).until(() -> !shown(robot, "#customerFormPanel"));
        assertThat(count()).isZero();
    }

    @Test
    void ctrlNOpensANewCustomerFromEveryScreen(FxRobot robot) {
        for (String nav : new String[] {"#navTakings", "#navShop", "#navStatus"}) {
            robot.clickOn(nav);
            WaitForAsyncUtils.waitForFxEvents();
            robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
            await(nav).atMost(PATIENCE).until(() -> shown(robot, "#customerFormPanel") && focused(robot, "#customerName"));
            robot.type(KeyCode.ESCAPE); // untouched: leaves without asking
            await().atMost(PATIENCE).until(() -> !shown(robot, "#customerFormPanel"));
        }
    }

    @Test
    void ctrlNWhileReadingTheBackupSaysWhyInsteadOfNothing(FxRobot robot) {
        robot.interact(() -> window.viewModel().shop().setReadOnly(true, FailoverBannerViewModel.READ_ONLY_REASON));
        robot.clickOn("#navTakings");
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> robot.lookup("#dialogMessage").tryQuery().isPresent());
        assertThat(text(robot, "#dialogMessage")).startsWith("Adding a customer is not possible while the console reads the MongoDB backup.")
                .contains("Switch back to Supabase to edit.");
        robot.type(KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> robot.lookup("#dialogMessage").tryQuery().isEmpty());
        assertThat(robot.lookup("#customerFormPanel").tryQuery().map(Node::isVisible).orElse(false)).isFalse();
    }

    @Test
    void helpListsTheShortcutsAndLinksToTheGuide(FxRobot robot) {
        robot.clickOn("Help").clickOn("Keyboard shortcuts");
        await().atMost(PATIENCE).until(() -> robot.lookup("#shortcutsList").tryQuery().isPresent());
        assertThat(robot.lookup("#shortcutsList .label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Ctrl+N", "Esc (in the search)", "Tab / Shift+Tab");
        robot.type(KeyCode.ESCAPE);
        robot.clickOn("Help").clickOn("User guide");
        await().atMost(PATIENCE).until(() -> !openedLinks.isEmpty());
        assertThat(openedLinks.get(0)).startsWith("file:").endsWith("docs/console.md");
    }

    // ---- item 13: Save says why it is disabled

    @Test
    void saveSaysWhatIsMissingFromTheStart(FxRobot robot) {
        showCustomers(robot);
        newCustomerByKeys(robot);
        assertThat(robot.lookup("#saveCustomer").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(text(robot, "#customerSaveHint")).isEqualTo("To save: Name is required.");
        robot.write("Zara");
        await().atMost(PATIENCE).until(() -> !robot.lookup("#saveCustomer").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#customerSaveHint").query().isVisible()).isFalse();
    }

    // ---- item 9: the divider is remembered

    @Test
    void theDividerIsWhereItWasLeftNextTime(FxRobot robot) {
        showCustomers(robot);
        Node divider = robot.lookup("#customersSplit .split-pane-divider").query();
        double before = split(robot).getDividerPositions()[0];
        robot.drag(divider).moveBy(-150, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double after = split(robot).getDividerPositions()[0];
        assertThat(after).isLessThan(before - 0.05);
        robot.interact(() -> stage.getScene().setRoot(newWindow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(split(robot).getDividerPositions()[0]).isCloseTo(after, org.assertj.core.data.Offset.offset(0.01));
    }

    // ---- helpers

    private void showCustomers(FxRobot robot) {
        robot.clickOn("#navShop");
        robot.clickOn("#navCustomers");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void newCustomerByKeys(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> shown(robot, "#customerFormPanel") && focused(robot, "#customerName"));
    }

    private long count() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from public.customers")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean focused(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n.getScene() != null && n.getScene().getFocusOwner() == n;
    }

    private static boolean shown(FxRobot robot, String query) {
        var found = robot.lookup(query).tryQuery();
        if (found.isEmpty()) {
            return false;
        }
        for (Node n = found.get(); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static TableRow<?> row(FxRobot robot, int index) {
        return robot.lookup("#customerTable .table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == index && r.getItem() != null && r.isVisible()).query();
    }

    private static void clickRow(FxRobot robot, int index) {
        robot.clickOn(row(robot, index));
    }

    private static Paint background(Region r) {
        return r.getBackground() == null || r.getBackground().getFills().isEmpty() ? null
                : r.getBackground().getFills().get(r.getBackground().getFills().size() - 1).getFill();
    }

    /** WCAG contrast ratio of two opaque-ish fills (alpha blended over white/black as the row's own colour is). */
    private static double contrast(Paint a, Paint b) {
        double la = luminance((javafx.scene.paint.Color) a);
        double lb = luminance((javafx.scene.paint.Color) b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(javafx.scene.paint.Color c) {
        return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
    }

    private static double lin(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static String selectedName(FxRobot robot) {
        CustomerSummary s = table(robot).getSelectionModel().getSelectedItem();
        return s == null ? "" : s.customer().name();
    }

    private static SplitPane split(FxRobot robot) {
        return robot.lookup("#customersSplit").queryAs(SplitPane.class);
    }

    private static String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        if (n instanceof Label l) {
            return l.getText();
        }
        return n instanceof TextInputControl t ? t.getText() : String.valueOf(n);
    }

    @SuppressWarnings("unchecked")
    private static TableView<CustomerSummary> table(FxRobot robot) {
        return robot.lookup("#customerTable").queryAs(TableView.class);
    }
}
