package shoptwin.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import shoptwin.config.SettingsFile;
import shoptwin.domain.CustomerDraft;
import shoptwin.domain.ShopDraft;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;
import shoptwin.testing.TestDatabases;
import shoptwin.ui.common.FxUiExecutor;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.main.ConsoleServices;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.settings.ConnectionTester;
import shoptwin.ui.settings.SettingsFileRepository;

/**
 * The real main window, driven by a robot, against the real PostgreSQL store on an embedded
 * PostgreSQL (headless under Monocle when there is no display).
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** One migrated database for the class; each test starts from empty tables. */
    private static Database database;
    private PostgresShopStore store;
    private FxUiExecutor executor;
    private Stage stage;
    private SettingsFile settingsFile;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        if (database == null) {
            database = new Database(TestDatabases.freshPostgres());
            database.migrate();
        }
        emptyTables();
        store = new PostgresShopStore(database, false);
        store.saveShop(0, new ShopDraft("Test Shop", "Asha", null, null, null, "USD", "UTC", null, null));
        executor = new FxUiExecutor(2);
        try {
            settingsFile = new SettingsFile(Files.createTempDirectory("shoptwin-settings"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        settingsFile.write(Map.of("SUPABASE_DB_URL", "postgresql://postgres.abc:Sup3rSecret@aws-0-eu.pooler.supabase.com:5432/postgres",
                "MONGODB_URI", "mongodb://127.0.0.1:27017", "MONGODB_DATABASE", "shop"));
        MainWindow.applyTheme(false);
        stage.setScene(new Scene(newWindow(store), 1280, 800));
        stage.show();
    }

    private MainWindow newWindow(PostgresShopStore s) {
        return new MainWindow(new ConsoleServices(s, false, executor, null, new MemoryUiPreferences(),
                new SettingsFileRepository(settingsFile), echoingTester()));
    }

    /** Answers with the URL it was given, so a test can see that the answer is masked on screen. */
    private static ConnectionTester echoingTester() {
        return new ConnectionTester() {
            @Override
            public Result testSupabase(String url, String password) {
                return Result.failed("password authentication failed for " + url);
            }

            @Override
            public Result testMongo(String uri, String database) {
                return Result.ok("Connected to MongoDB; database '" + database + "'.");
            }
        };
    }

    @AfterEach
    void closeStore() {
        executor.close();
        store.close();
    }

    @org.junit.jupiter.api.AfterAll
    static void closeDatabase() {
        database.close();
    }

    private static void emptyTables() {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from public.payments");
            s.execute("delete from public.customers");
            s.execute("delete from public.shop");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the customer's whole life

    @Test
    void createFindEditPayAndDeleteACustomer(FxRobot robot) throws Exception {
        robot.clickOn("#newCustomer");
        type(robot, "#customerName", "Zara Quinn");
        type(robot, "#customerEmail", "zara@example.com");
        robot.clickOn("#saveCustomer");
        await().atMost(PATIENCE).until(() -> count("public.customers") == 1);
        await().atMost(PATIENCE).until(() -> text(robot, "#detailName").equals("Zara Quinn"));

        store.createCustomer(new CustomerDraft("Someone Else", null, null, null, null));
        type(robot, "#customerSearch", "zara");
        await().atMost(PATIENCE).until(() -> !robot.lookup("#customersBusy").query().isVisible()
                && table(robot).getItems().size() == 1 && text(robot, "#pageText").equals("1–1 of 1"));

        clickRow(robot, 0);
        robot.type(KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> shown(robot, "#customerFormPanel"));
        type(robot, "#customerName", "Zara Q. Quinn");
        robot.clickOn("#saveCustomer");
        await().atMost(PATIENCE).until(() -> "Zara Q. Quinn".equals(nameInDatabase()));
        await().atMost(PATIENCE).until(() -> shown(robot, "#customerDetailPanel") && text(robot, "#detailName").equals("Zara Q. Quinn"));

        robot.clickOn("#addPayment");
        await().atMost(PATIENCE).until(() -> shown(robot, "#paymentForm"));
        type(robot, "#paymentAmount", "125.50");
        robot.clickOn("#savePayment");
        await().atMost(PATIENCE).until(() -> text(robot, "#paymentTotals").equals("1 payment · $125.50 in total"));
        robot.clickOn("#addPayment");
        await().atMost(PATIENCE).until(() -> shown(robot, "#paymentForm"));
        type(robot, "#paymentAmount", "74.50");
        robot.clickOn("#savePayment");
        await().atMost(PATIENCE).until(() -> text(robot, "#paymentTotals").equals("2 payments · $200.00 in total"));
        await().atMost(PATIENCE).until(() -> table(robot).getItems().get(0).totalPaid().compareTo(new java.math.BigDecimal("200.00")) == 0);

        robot.clickOn("#deleteCustomer");
        await().atMost(PATIENCE).until(() -> robot.lookup("#dialogMessage").tryQuery().isPresent());
        assertThat(text(robot, "#dialogMessage")).contains("Their 2 payments will be deleted with them");
        // the dialog sits over the window, wholly: a long message wraps instead of widening it off the screen
        javafx.stage.Window dialog = robot.lookup("#dialogMessage").query().getScene().getWindow();
        assertThat(dialog.getWidth()).isLessThan(700);
        assertThat(dialog.getX()).isGreaterThanOrEqualTo(stage.getX());
        assertThat(dialog.getX() + dialog.getWidth()).isLessThanOrEqualTo(stage.getX() + stage.getWidth());
        robot.clickOn("#confirmDanger");
        await().atMost(PATIENCE).until(() -> count("public.customers") == 1 && count("public.payments") == 0);
        await().atMost(PATIENCE).until(() -> robot.lookup("#emptyText").queryAs(Label.class).getText()
                .equals("No customers match 'zara'."));
    }

    @Test
    void aValidationErrorAppearsBesideTheFieldAndNothingIsSaved(FxRobot robot) throws Exception {
        robot.clickOn("#newCustomer");
        type(robot, "#customerName", "Bad Email");
        type(robot, "#customerEmail", "bad@");
        await().atMost(PATIENCE).until(() -> robot.lookup("#customerEmailError").queryAs(Label.class).isVisible());
        assertThat(text(robot, "#customerEmailError")).isEqualTo("Email must be an email address like name@example.com.");
        assertThat(robot.lookup("#saveCustomer").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#saveCustomer");
        robot.clickOn("#customerName").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(count("public.customers")).isZero();
    }

    @Test
    void anEmptyShopOffersTheFirstCustomerAndKeyboardShortcutsWork(FxRobot robot) {
        await().atMost(PATIENCE).until(() -> robot.lookup("#addFirstCustomer").queryAs(Button.class).isVisible());
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> shown(robot, "#customerFormPanel"));
        robot.type(KeyCode.ESCAPE);
        await().atMost(PATIENCE).until(() -> !shown(robot, "#customerFormPanel"));
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(PATIENCE).until(() -> robot.lookup("#customerSearch").query() == stage.getScene().getFocusOwner());
    }

    // ---- shop settings

    @Test
    void shopSettingsAreSavedAndSurviveAReload(FxRobot robot) throws Exception {
        robot.clickOn("#navShop");
        await().atMost(PATIENCE).until(() -> text(robot, "#shopName").equals("Test Shop"));
        type(robot, "#shopName", "Quinn's Corner Store");
        type(robot, "#shopTaxId", "GB123456789");
        assertThat(robot.lookup("#shopDirty").query().isVisible()).isTrue();
        robot.clickOn("#saveShop");
        await().atMost(PATIENCE).until(() -> text(robot, "#shopStatus").equals("Saved."));

        // a new window over a new store instance on the same database
        PostgresShopStore second = new PostgresShopStore(new Database(database.settings()), true);
        try {
            robot.interact(() -> stage.getScene().setRoot(newWindow(second)));
            robot.clickOn("#navShop");
            await().atMost(PATIENCE).until(() -> text(robot, "#shopName").equals("Quinn's Corner Store"));
            assertThat(text(robot, "#shopTaxId")).isEqualTo("GB123456789");
        } finally {
            robot.interact(() -> stage.getScene().setRoot(new javafx.scene.layout.Pane()));
            second.close();
        }
    }

    @Test
    void leavingUnsavedShopSettingsAsksFirst(FxRobot robot) {
        robot.clickOn("#navShop");
        await().atMost(PATIENCE).until(() -> text(robot, "#shopName").equals("Test Shop"));
        type(robot, "#shopName", "Unsaved name");
        robot.clickOn("#navCustomers");
        await().atMost(PATIENCE).until(() -> robot.lookup("#discardChanges").tryQuery().isPresent());
        robot.clickOn("#cancelLeaving");
        await().atMost(PATIENCE).until(() -> robot.lookup("#shopSettingsScreen").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(text(robot, "#shopName")).isEqualTo("Unsaved name");
        robot.clickOn("#navCustomers");
        await().atMost(PATIENCE).until(() -> robot.lookup("#discardChanges").tryQuery().isPresent());
        robot.clickOn("#discardChanges");
        await().atMost(PATIENCE).until(() -> robot.lookup("#customersScreen").tryQuery().map(Node::isVisible).orElse(false));
        assertThat(store.getShop().orElseThrow().name()).isEqualTo("Test Shop");
    }

    // ---- the settings dialog

    @Test
    void theSettingsDialogNeverShowsTheSavedPasswordAndKeepsItOnSave(FxRobot robot) throws Exception {
        robot.clickOn("File");
        robot.clickOn("Settings…");
        await().atMost(PATIENCE).until(() -> robot.lookup("#supabaseUrl").tryQuery().isPresent()
                && text(robot, "#supabaseUrl").startsWith("postgresql://"));
        assertThat(text(robot, "#supabaseUrl"))
                .isEqualTo("postgresql://postgres.abc:****@aws-0-eu.pooler.supabase.com:5432/postgres");
        assertThat(text(robot, "#supabasePassword")).isEmpty();

        robot.clickOn("#testSupabase");
        await().atMost(PATIENCE).until(() -> text(robot, "#supabaseResult").startsWith("password authentication failed"));
        assertThat(text(robot, "#supabaseResult")).doesNotContain("Sup3rSecret").contains("****");

        type(robot, "#mongoDatabase", "shop_copy");
        robot.clickOn("#saveSettings");
        await().atMost(PATIENCE).until(() -> "shop_copy".equals(settingsFile.read().get("MONGODB_DATABASE")));
        assertThat(settingsFile.read().get("SUPABASE_DB_URL")).contains(":Sup3rSecret@");
        await().atMost(PATIENCE).until(() -> robot.lookup("#supabaseUrl").tryQuery().isEmpty());
    }

    // ---- someone else saved first

    @Test
    void aConflictCanBeResolvedByReloadingTheirVersion(FxRobot robot) throws Exception {
        UUID id = openForEditing(robot, "Olive Stone");
        type(robot, "#customerName", "Olive (mine)");
        changeNameWithPlainSql(id, "Olive (theirs)");
        robot.clickOn("#saveCustomer");
        await().atMost(PATIENCE).until(() -> robot.lookup("#reloadTheirs").tryQuery().isPresent());
        robot.clickOn("#reloadTheirs");
        await().atMost(PATIENCE).until(() -> text(robot, "#customerName").equals("Olive (theirs)"));
        assertThat(nameInDatabase()).isEqualTo("Olive (theirs)");
        // and saving again now works against their version
        type(robot, "#customerName", "Olive (merged)");
        robot.clickOn("#saveCustomer");
        await().atMost(PATIENCE).until(() -> "Olive (merged)".equals(nameInDatabase()));
    }

    @Test
    void aConflictCanBeResolvedByOverwritingWithMine(FxRobot robot) throws Exception {
        UUID id = openForEditing(robot, "Olive Stone");
        type(robot, "#customerName", "Olive (mine)");
        changeNameWithPlainSql(id, "Olive (theirs)");
        robot.clickOn("#saveCustomer");
        await().atMost(PATIENCE).until(() -> robot.lookup("#overwriteMine").tryQuery().isPresent());
        robot.clickOn("#overwriteMine");
        await().atMost(PATIENCE).until(() -> "Olive (mine)".equals(nameInDatabase()));
    }

    // ---- helpers

    private UUID openForEditing(FxRobot robot, String name) {
        UUID id = store.createCustomer(new CustomerDraft(name, null, null, null, null)).id();
        robot.interact(() -> { });
        robot.clickOn("#navShop");
        robot.clickOn("#navCustomers");
        await().atMost(PATIENCE).until(() -> table(robot).getItems().size() == 1);
        clickRow(robot, 0);
        await().atMost(PATIENCE).until(() -> text(robot, "#detailName").equals(name));
        robot.clickOn("#editCustomer");
        await().atMost(PATIENCE).until(() -> shown(robot, "#customerFormPanel"));
        return id;
    }

    private void changeNameWithPlainSql(UUID id, String name) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("update public.customers set name = ? where id = ?")) {
            ps.setString(1, name);
            ps.setObject(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String nameInDatabase() throws Exception {
        try (Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name from public.customers order by created_at limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private long count(String table) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Replaces a field's text the way a person would: select all, type. */
    private static void type(FxRobot robot, String query, String text) {
        TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        robot.interact(() -> { });
    }

    /** Visible on screen: the node and every parent. */
    private static boolean shown(FxRobot robot, String query) {
        for (Node n = robot.lookup(query).query(); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void clickRow(FxRobot robot, int index) {
        Node row = robot.lookup("#customerTable .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getIndex() == index && r.getItem() != null && r.isVisible())
                .query();
        robot.clickOn(row);
    }

    private static String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        if (n instanceof Label l) {
            return l.getText();
        }
        return n instanceof TextInputControl t ? t.getText() : String.valueOf(n);
    }

    @SuppressWarnings("unchecked")
    private static TableView<shoptwin.store.CustomerSummary> table(FxRobot robot) {
        return robot.lookup("#customerTable").queryAs(TableView.class);
    }
}
