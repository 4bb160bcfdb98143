package shoptwin.ui.failover;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.bson.Document;
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
import shoptwin.failover.StoreMode;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.status.LiveConsole;

/**
 * Failover in the real window: Supabase (an embedded PostgreSQL of this test's own) stops, the
 * banner appears within the monitor's threshold, one click reads the MongoDB backup with editing
 * disabled, PostgreSQL comes back, 'Switch back' enables editing, and the next edit is mirrored.
 */
@ExtendWith(ApplicationExtension.class)
class FailoverWindowTest {
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(300);
    private static final int FAILURE_THRESHOLD = 3;
    /** The monitor needs THRESHOLD failed probes INTERVAL apart; the margin covers a probe's own 1 s connect timeout and CI jitter. */
    private static final Duration BANNER_BOUND = PROBE_INTERVAL.multipliedBy(FAILURE_THRESHOLD).plusSeconds(5);

    @TempDir
    static Path dir;
    static LiveConsole console;

    @BeforeAll
    static void startDatabases() {
        console = new LiveConsole(dir, PROBE_INTERVAL, FAILURE_THRESHOLD);
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
        stage.setScene(new Scene(console.buildWindow(console.actions(), false), 1200, 780));
        stage.show();
    }

    @Test
    void supabaseDownOffersTheBackupReadOnlyAndAfterSwitchingBackTheNextEditIsMirrored(FxRobot robot) throws Exception {
        TableView<CustomerSummary> table = robot.lookup("#customerTable").queryTableView();
        Button newCustomer = robot.lookup("#newCustomer").queryButton();
        Label bannerText = robot.lookup("#failoverBannerText").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> table.getItems().size()) > 0);
        assertThat(fx(() -> robot.lookup("#failoverBanner").query().isVisible())).isFalse();
        assertThat(newCustomer.isDisabled()).isFalse();
        Customer someone = console.primary().searchCustomers(CustomerQuery.firstPage("", 1)).items().get(0).customer();

        // Supabase stops answering: the banner says so within the configured threshold
        console.demo().stopPostgres();
        await().atMost(BANNER_BOUND).until(() -> fx(() -> robot.lookup("#failoverBanner").query().isVisible()
                && bannerText.getText().startsWith("Supabase is not answering")));
        assertThat(fx(() -> robot.lookup("#failoverBannerAction").queryButton().getText())).isEqualTo("Read from MongoDB backup");

        // one click: every screen reads the backup, read-only
        robot.clickOn("#failoverBannerAction");
        await().atMost(Duration.ofSeconds(10)).until(() -> console.failover().mode() == StoreMode.BACKUP_READ_ONLY
                && fx(() -> bannerText.getText()).startsWith("Backup, read-only: data as of "));
        assertThat(console.failover().store().current()).isSameAs(console.backup());
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> newCustomer.isDisabled()));
        assertThat(fx(() -> robot.lookup("#storeDescription").queryAs(Label.class).getText())).contains("MongoDB");
        assertThat(fx(() -> robot.lookup("#readOnlyBadge").query().isVisible())).isTrue();

        // the same screen searches the backup
        TextField search = robot.lookup("#customerSearch").queryAs(TextField.class);
        robot.interact(() -> search.setText(someone.name()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> table.getItems().stream()
                .anyMatch(s -> s.customer().id().equals(someone.id()))));
        clickRow(robot, someone);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#editCustomer").tryQuery().isPresent()
                && robot.lookup("#editCustomer").query().isVisible()));
        assertThat(fx(() -> robot.lookup("#editCustomer").queryButton().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#deleteCustomer").queryButton().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#addPayment").queryButton().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#editCustomer").queryButton().getTooltip().getText())).contains("read-only");
        // a disabled button gets no hover: its container shows why
        assertThat(fx(() -> EditLock.reasonOn(robot.lookup("#editCustomer").queryButton().getParent()).getText()))
                .contains("read-only");

        // Supabase is back: the banner offers to switch back
        console.demo().startPostgres();
        await().atMost(BANNER_BOUND.plusSeconds(10)).until(() -> fx(() -> bannerText.getText()).contains("Supabase answers again")
                && fx(() -> robot.lookup("#failoverBannerAction").queryButton().isVisible()));
        assertThat(fx(() -> robot.lookup("#failoverBannerAction").queryButton().getText())).isEqualTo("Switch back");
        robot.clickOn("#failoverBannerAction");
        await().atMost(Duration.ofSeconds(10)).until(() -> console.failover().mode() == StoreMode.PRIMARY
                && !fx(() -> newCustomer.isDisabled()));
        assertThat(fx(() -> robot.lookup("#failoverBanner").query().isVisible())).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !fx(() -> robot.lookup("#editCustomer").queryButton().isDisabled()));

        // an edit made now goes to Supabase and is mirrored to MongoDB
        clickRow(robot, someone);
        robot.clickOn("#editCustomer");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#customerForm").query().isVisible()
                && robot.lookup("#customerForm").query().getScene() != null));
        TextField name = robot.lookup("#customerName").queryAs(TextField.class);
        String renamed = someone.name() + " (after failover)";
        robot.interact(() -> name.setText(renamed));
        await().atMost(Duration.ofSeconds(5)).until(() -> !fx(() -> robot.lookup("#saveCustomer").queryButton().isDisabled()));
        robot.clickOn("#saveCustomer");
        await().atMost(Duration.ofSeconds(15)).until(() -> console.primary().getCustomer(someone.id())
                .map(Customer::name).orElse("").equals(renamed));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Document doc = console.mongo().getCollection("customers").find(eq("_id", someone.id().toString())).first();
            return doc != null && renamed.equals(doc.getString("name"));
        });
    }

    @SuppressWarnings("unchecked")
    private static void clickRow(FxRobot robot, Customer customer) {
        TableRow<CustomerSummary> row = robot.lookup(".table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof CustomerSummary s
                        && s.customer().id().equals(customer.id()))
                .query();
        robot.clickOn(row);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
