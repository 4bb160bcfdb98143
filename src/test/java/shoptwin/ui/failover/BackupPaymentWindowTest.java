package shoptwin.ui.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
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
import shoptwin.domain.Payment;
import shoptwin.failover.StoreMode;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSummary;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.status.LiveConsole;

/**
 * Issue 15 in the real window: Supabase (an embedded PostgreSQL of this test's own) stops, the console works on
 * the MongoDB backup, a payment is recorded there and listed as waiting for Supabase, the banner counts it;
 * Supabase comes back, the mirror's leader sends it, and after 'Switch back' the payment is on Supabase's screen.
 */
@ExtendWith(ApplicationExtension.class)
class BackupPaymentWindowTest {
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(300);
    private static final int FAILURE_THRESHOLD = 3;
    private static final Duration BANNER_BOUND = PROBE_INTERVAL.multipliedBy(FAILURE_THRESHOLD).plusSeconds(5);

    @TempDir
    static Path dir;
    static LiveConsole console;

    @BeforeAll
    static void startDatabases() {
        console = new LiveConsole(dir, PROBE_INTERVAL, FAILURE_THRESHOLD, false, true);
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
    void aPaymentRecordedOnTheBackupIsOnSupabasesScreenAfterSwitchingBack(FxRobot robot) throws Exception {
        TableView<CustomerSummary> customers = robot.lookup("#customerTable").queryTableView();
        Label bannerText = robot.lookup("#failoverBannerText").queryAs(Label.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> customers.getItems().size()) > 0);
        Customer anna = console.primary().searchCustomers(CustomerQuery.firstPage("", 1)).items().get(0).customer();
        int paymentsBefore = console.primary().listPayments(anna.id()).count();

        console.demo().stopPostgres();
        await().atMost(BANNER_BOUND).until(() -> fx(() -> bannerText.getText()).startsWith("Supabase is not answering"));
        assertThat(fx(() -> robot.lookup("#failoverBannerAction").queryButton().getText())).isEqualTo("Work on the backup");
        robot.clickOn("#failoverBannerAction");
        await().atMost(Duration.ofSeconds(10)).until(() -> console.failover().mode() == StoreMode.BACKUP_READ_ONLY
                && fx(() -> bannerText.getText()).startsWith("Working on the backup: changes you make will be sent to Supabase"));
        assertThat(console.failover().store().current()).isSameAs(console.workingBackup());

        // the payment is recorded on the backup as on Supabase
        // the switch reads the list again: click once it shows the backup's rows (again if a reload took the selection)
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            clickRow(robot, anna);
            return fx(() -> robot.lookup("#detailName").tryQuery().isPresent()
                    && anna.name().equals(robot.lookup("#detailName").queryAs(Label.class).getText()));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#addPayment").tryQuery().isPresent()
                && robot.lookup("#addPayment").query().isVisible() && !robot.lookup("#addPayment").queryButton().isDisabled()));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#detailName").queryAs(Label.class).getText())
                .equals(anna.name()) && !fx(() -> robot.lookup("#paymentTotals").queryAs(Label.class).getText()).isEmpty());
        robot.clickOn("#addPayment");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#paymentForm").query().isVisible()));
        TextField amount = robot.lookup("#paymentAmount").queryAs(TextField.class);
        robot.interact(() -> amount.setText("42.50"));
        robot.interact(() -> robot.lookup("#paymentReference").queryAs(TextField.class).setText("OUTAGE-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !fx(() -> robot.lookup("#savePayment").queryButton().isDisabled()));
        // Enter in the amount saves, as staff do (the Save button may sit below a small window's edge)
        robot.interact(amount::requestFocus);
        robot.type(javafx.scene.input.KeyCode.ENTER);

        // listed at once, marked as waiting for Supabase, and counted by the banner
        TableView<Payment> payments = robot.lookup("#paymentTable").queryTableView();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> payments.getItems().stream()
                .anyMatch(p -> "OUTAGE-1".equals(p.reference()))));
        Payment made = fx(() -> payments.getItems().stream().filter(p -> "OUTAGE-1".equals(p.reference())).findFirst().orElseThrow());
        assertThat(made.amount()).isEqualByComparingTo("42.50");
        assertThat(fx(() -> waitingMarkOf(payments, made))).isEqualTo("Waiting for Supabase");
        assertThat(fx(() -> robot.lookup("#paymentTotals").queryAs(Label.class).getText())).endsWith("· 1 waiting for Supabase");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> bannerText.getText())
                .startsWith("Working on the backup: 1 change will be sent to Supabase when it answers."));

        // Supabase is back: the mirror's leader sends the change, and the banner says so before switching back
        console.demo().startPostgres();
        await().atMost(BANNER_BOUND.plusSeconds(20)).until(() -> fx(() -> bannerText.getText())
                .equals("Working on the backup. Supabase answers again. Everything made here has reached it."));
        robot.clickOn("#failoverBannerAction");
        await().atMost(Duration.ofSeconds(10)).until(() -> console.failover().mode() == StoreMode.PRIMARY);
        assertThat(fx(() -> robot.lookup("#failoverBanner").query().isVisible())).isFalse();

        // on Supabase, with the same id and amount, and on its screen
        Payment inSupabase = console.primary().getPayment(made.id()).orElseThrow();
        assertThat(inSupabase.amount()).isEqualByComparingTo(new BigDecimal("42.50"));
        assertThat(inSupabase.customerId()).isEqualTo(anna.id());
        assertThat(console.primary().listPayments(anna.id()).count()).isEqualTo(paymentsBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> payments.getItems().stream()
                .anyMatch(p -> p.id().equals(made.id()))) && !fx(() -> column(payments, "paymentWaiting").isVisible()));
        assertThat(fx(() -> robot.lookup("#paymentTotals").queryAs(Label.class).getText())).doesNotContain("waiting");
    }

    private static String waitingMarkOf(TableView<Payment> table, Payment p) {
        TableColumn<Payment, ?> c = column(table, "paymentWaiting");
        return c.isVisible() ? String.valueOf(c.getCellData(p)) : "(hidden)";
    }

    @SuppressWarnings("unchecked")
    private static TableColumn<Payment, ?> column(TableView<Payment> table, String id) {
        return table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
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
