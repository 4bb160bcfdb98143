package shoptwin.ui.status;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
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
import shoptwin.store.copy.MirrorTable;
import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.VerifyReport;
import shoptwin.status.Cancellation;
import shoptwin.status.ResyncOutcome;
import shoptwin.status.SyncActions;
import shoptwin.store.CustomerQuery;
import shoptwin.ui.main.MainWindow;

/**
 * The status screen's Verify and Resync buttons on real databases: differences planted in MongoDB
 * behind the mirror's back show up in the verify table; a resync started from the button shows
 * progress per table, can be cancelled, and when run to the end repairs the copy.
 */
@ExtendWith(ApplicationExtension.class)
class SyncStatusScreenTest {
    @TempDir
    static Path dir;
    static LiveConsole console;
    /** Holds the resync at the start of the customers table until Cancel is pressed, so Cancel is pressed mid-run. */
    static final AtomicBoolean holdAtCustomers = new AtomicBoolean();
    static final CountDownLatch heldAtCustomers = new CountDownLatch(1);

    @BeforeAll
    static void startDatabases() {
        console = new LiveConsole(dir, Duration.ofMillis(500), 3);
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
        SyncActions real = console.actions();
        SyncActions held = new SyncActions() {
            @Override
            public VerifyReport verify(ProgressListener progress, Cancellation cancellation) throws Exception {
                return real.verify(progress, cancellation);
            }

            @Override
            public ResyncOutcome resync(ProgressListener progress, Cancellation cancellation) throws Exception {
                CountDownLatch released = new CountDownLatch(1);
                cancellation.onCancel(released::countDown);
                return real.resync((table, done, total) -> {
                    progress.progress(table, done, total);
                    if (table == MirrorTable.CUSTOMERS && holdAtCustomers.get()) {
                        heldAtCustomers.countDown();
                        try {
                            released.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }, cancellation);
            }

            @Override
            public int retryParked() throws Exception {
                return real.retryParked();
            }

            @Override
            public shoptwin.mirror.RecoveryPlan recoverPlan() throws Exception {
                return real.recoverPlan();
            }

            @Override
            public shoptwin.status.WayOutOutcome recover(ProgressListener progress) throws Exception {
                return real.recover(progress);
            }

            @Override
            public shoptwin.status.WayOutOutcome rebase(ProgressListener progress) throws Exception {
                return real.rebase(progress);
            }
        };
        stage.setScene(new Scene(console.buildWindow(held, true), 1200, 780));
        stage.show();
    }

    @Test
    void verifyShowsDifferencesPlantedBehindTheMirrorsBackAndResyncFromTheButtonRepairsThem(FxRobot robot) throws Exception {
        String tampered = console.primary().searchCustomers(CustomerQuery.firstPage("", 1)).items().get(0).customer().id().toString();
        var customers = console.mongo().getCollection("customers");
        customers.updateOne(eq("_id", tampered), new Document("$set", new Document("name", "Changed behind the mirror's back")));
        customers.insertOne(new Document("_id", "00000000-0000-0000-0000-00000000beef").append("name", "No such row"));
        Document payment = console.mongo().getCollection("payments").find().first();
        console.mongo().getCollection("payments").deleteOne(eq("_id", payment.getString("_id")));

        robot.clickOn("#navStatus");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#verifyButton").tryQuery().isPresent()));
        // the screen shows the mirror as this console's, running
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> text(robot, "#leader")).startsWith("This console"));
        assertThat(fx(() -> text(robot, "#supabaseStatus"))).startsWith("Up");

        robot.clickOn("#verifyButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> text(robot, "#jobMessage")).startsWith("Supabase and MongoDB differ"));
        SyncJobsViewModel jobs = console.sync().statusViewModel().jobs();
        var rows = fx(() -> java.util.List.copyOf(jobs.verifyRows()));
        assertThat(rows).hasSize(3);
        SyncJobsViewModel.VerifyRow customerRow = rows.stream().filter(r -> r.table().startsWith("customers")).findFirst().orElseThrow();
        assertThat(customerRow.different()).isEqualTo(1);
        assertThat(customerRow.extra()).isEqualTo(1);
        assertThat(customerRow.sampleIds()).contains(tampered).contains("00000000-0000-0000-0000-00000000beef");
        SyncJobsViewModel.VerifyRow paymentRow = rows.stream().filter(r -> r.table().startsWith("payments")).findFirst().orElseThrow();
        assertThat(paymentRow.missing()).isEqualTo(1);
        assertThat(paymentRow.sampleIds()).contains(payment.getString("_id"));
        assertThat(fx(() -> robot.lookup("#verifyTable").queryTableView().getItems().size())).isEqualTo(3);

        // Resync, cancelled while it is on the customers table
        holdAtCustomers.set(true);
        robot.clickOn("#resyncButton");
        assertThat(heldAtCustomers.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(console.dialogs().confirmations).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#progress-shop").queryAs(ProgressBar.class).getProgress()) == 1.0
                && fx(() -> text(robot, "#progressText-customers")).startsWith("0 / "));
        assertThat(fx(() -> robot.lookup("#resyncButton").queryButton().isDisabled())).isTrue();
        robot.clickOn("#cancelJob");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> text(robot, "#jobMessage")).startsWith("Resync cancelled"));
        assertThat(customers.find(eq("_id", tampered)).first().getString("name")).isEqualTo("Changed behind the mirror's back");

        // Resync to the end: progress reaches every table and the copy is repaired
        holdAtCustomers.set(false);
        robot.clickOn("#resyncButton");
        await().atMost(Duration.ofSeconds(60)).until(() -> fx(() -> text(robot, "#jobMessage")).startsWith("Resync finished"));
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            assertThat(fx(() -> robot.lookup("#progress-" + t.tableName()).queryAs(ProgressBar.class).getProgress())).isEqualTo(1.0);
        }
        assertThat(customers.find(eq("_id", tampered)).first().getString("name")).isNotEqualTo("Changed behind the mirror's back");
        assertThat(customers.find(eq("_id", "00000000-0000-0000-0000-00000000beef")).first()).isNull();

        robot.clickOn("#verifyButton");
        await().atMost(Duration.ofSeconds(30)).until(() -> fx(() -> text(robot, "#jobMessage")).startsWith("Supabase and MongoDB are equal"));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
