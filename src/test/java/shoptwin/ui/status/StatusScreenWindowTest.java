package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import java.util.concurrent.atomic.AtomicBoolean;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.Failover;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.copy.MirrorTable;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.mirror.MirrorListener;
import shoptwin.ui.common.FxUiExecutor;
import shoptwin.ui.common.MemoryUiPreferences;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.main.ConsoleServices;
import shoptwin.ui.main.MainWindow;

/**
 * The Sync status screen in the real window (issue 18 item 3, issue 17 item 5).
 *
 * <p>Verify and Resync while Supabase is down: the monitor (real, with probes the test controls) finds it
 * down, the buttons are disabled with the reason beside them and the earlier result goes; when it answers
 * again they can run.
 *
 * <p>A standby console while the mirror service on shop-server stops delivering (issue 17 item 5): once the
 * oldest waiting change is older than the lag warning, the status bar on every screen and the Sync status
 * screen say how far behind the backup is and who is not delivering; when the copy catches up, both clear.
 * The health is what a standby reads from PostgreSQL (MirrorServiceTest and LeaderHeartbeatTest cover that
 * reading on real databases); here it is published by hand so the window's part is what is tested.
 */
@ExtendWith(ApplicationExtension.class)
class StatusScreenWindowTest {
    private final AtomicReference<MirrorHealth> health = new AtomicReference<>();
    private final List<MirrorListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean supabaseDown = new AtomicBoolean();
    private FxUiExecutor executor;
    private SyncConsole sync;
    private ConnectionMonitor monitor;
    private final SyncJobsViewModelTest.FakeSyncActions actions = new SyncJobsViewModelTest.FakeSyncActions();

    private final MirrorFeed feed = new MirrorFeed() {
        @Override
        public MirrorHealth health() {
            return health.get();
        }

        @Override
        public void addListener(MirrorListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(MirrorListener listener) {
            listeners.remove(listener);
        }
    };

    @Start
    void start(Stage stage) {
        health.set(standby(0, Duration.ZERO));
        executor = new FxUiExecutor(2);
        InMemoryShopStore store = new InMemoryShopStore();
        MainWindow.applyTheme(false);
        MainWindow window = new MainWindow(new ConsoleServices(store, false, executor, null, new MemoryUiPreferences(), null, null));
        monitor = new ConnectionMonitor(() -> {
            if (supabaseDown.get()) {
                throw new java.sql.SQLTransientConnectionException("shoptwin-pg - Connection is not available, request timed out after 5000ms");
            }
        }, () -> { }, Duration.ofSeconds(1), 2);
        actions.verifyReport = new VerifyReport(List.of(
                new VerifyReport.TableReport(MirrorTable.CUSTOMERS, 200, 200, 0, 0, 1, List.of(), List.of(), List.of("c-1"))),
                0, Instant.now(), false);
        sync = SyncConsole.install(window, new SyncServices(new Failover(store, null, monitor, null, false), monitor, feed, actions, null,
                Duration.ofMinutes(5), null), executor, null);
        stage.setScene(new Scene(window, 1200, 780));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> sync.close()).get();
        monitor.close();
        executor.close();
    }

    private void probeSupabase(boolean down) {
        supabaseDown.set(down);
        monitor.probe(MonitoredDatabase.SUPABASE);
        monitor.probe(MonitoredDatabase.MONGODB);
    }

    @Test
    void verifyAndResyncWhileSupabaseIsDownSaySoAndTheOldResultGoes(FxRobot robot) {
        probeSupabase(false);
        robot.clickOn("#navStatus");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#supabaseStatus").startsWith("Up"));
        robot.clickOn("#verifyButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#jobMessage").startsWith("Supabase and MongoDB differ"));
        assertThat(fx(() -> robot.lookup("#verifyTable").queryTableView().getItems().size())).isEqualTo(1);

        // Supabase stops answering: disabled, with the reason beside the buttons; the old result goes
        probeSupabase(true);
        probeSupabase(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> robot.lookup("#verifyButton").queryButton().isDisabled()));
        assertThat(fx(() -> robot.lookup("#resyncButton").queryButton().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#jobsUnavailable").query().isVisible())).isTrue();
        assertThat(text(robot, "#jobsUnavailable"))
                .isEqualTo("Verify and Resync need Supabase, which is not answering. They can run again once it answers.");
        assertThat(fx(() -> robot.lookup("#verifyTable").queryTableView().getItems().size())).isZero();
        assertThat(text(robot, "#jobMessage")).isEmpty();
        assertThat(text(robot, "#supabaseStatus")).startsWith("Down for ").endsWith(": no answer in time").doesNotContain("shoptwin-pg");

        // it answers again: the buttons are back, nothing stale is shown
        probeSupabase(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !fx(() -> robot.lookup("#verifyButton").queryButton().isDisabled()));
        assertThat(fx(() -> robot.lookup("#jobsUnavailable").query().isVisible())).isFalse();
        assertThat(text(robot, "#jobMessage")).isEmpty();
        assertThat(text(robot, "#supabaseStatus")).startsWith("Up");
    }

    private static MirrorHealth standby(long backlog, Duration lag) {
        return new MirrorHealth(State.STANDBY, null, backlog, lag, null, 0, 0, List.of(),
                Optional.of(new Leader("shop-server", 4242, Instant.now().minus(Duration.ofHours(5)), false, MirrorHealth.Kind.SERVICE)),
                Instant.now());
    }

    private void publish(MirrorHealth h) {
        health.set(h);
        listeners.forEach(l -> l.healthChanged(h));
    }

    @Test
    void aStandbyConsoleWarnsOnTheStatusBarAndTheStatusScreenWhenTheServiceStopsDelivering(FxRobot robot) {
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#mirrorStatus").startsWith("Mirror: standing by"));
        robot.clickOn("#navStatus");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#lagWarning").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#lagWarning").query().isVisible())).isFalse();
        assertThat(text(robot, "#leader")).startsWith("Mirror service on shop-server, since ");

        publish(standby(1234, Duration.ofMinutes(125)));
        String expected = "The backup is 2 h behind: 1,234 changes waiting; the mirror service on shop-server is not delivering";
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#lagWarning").equals(expected));
        assertThat(fx(() -> robot.lookup("#lagWarning").query().isVisible())).isTrue();
        assertThat(text(robot, "#mirrorStatus")).isEqualTo(expected);
        assertThat(fx(() -> robot.lookup("#mirrorDot").query().getStyleClass().contains("danger"))).isTrue();
        // the charts: backlog in changes, lag on its own axis in hours now
        fx(() -> {
            sync.statusViewModel().sample();
            return null;
        });
        assertThat(fx(() -> ((javafx.scene.chart.XYChart<?, ?>) robot.lookup("#lagChart").query()).getYAxis().getLabel())).isEqualTo("lag (h)");
        assertThat(fx(() -> ((javafx.scene.chart.XYChart<?, ?>) robot.lookup("#backlogChart").query()).getYAxis().getLabel()))
                .isEqualTo("changes");

        // on another screen the status bar still says it
        robot.clickOn("#navCustomers");
        assertThat(text(robot, "#mirrorStatus")).isEqualTo(expected);

        // the service delivers again: both clear
        publish(standby(0, Duration.ZERO));
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#mirrorStatus").startsWith("Mirror: standing by"));
        robot.clickOn("#navStatus");
        await().atMost(Duration.ofSeconds(10)).until(() -> !fx(() -> robot.lookup("#lagWarning").query().isVisible()));
    }

    private static MirrorHealth diverged() {
        return new MirrorHealth(State.DIVERGED, null, 3, Duration.ofSeconds(20), Instant.now().minusSeconds(60), 0, 0, List.of(),
                Optional.of(new Leader("till-1", 42, Instant.now().minus(Duration.ofHours(1)), true)), Instant.now(),
                new shoptwin.mirror.Divergence(shoptwin.mirror.Divergence.Kind.BEHIND, Instant.now()));
    }

    private static boolean shown(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
    }

    /** Issue 13: the two ways out appear while, and only while, the mirror waits for the decision; the preview shows the counts. */
    @Test
    void theWaysOutAppearOnlyWhileTheMirrorWaitsAndTheRecoverPreviewShowsTheCountsPerTable(FxRobot robot) {
        probeSupabase(false);
        robot.clickOn("#navStatus");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#recoverButton").tryQuery().isPresent());
        assertThat(shown(robot, "#recoverButton")).isFalse();
        assertThat(shown(robot, "#rebaseButton")).isFalse();

        publish(diverged());
        await().atMost(Duration.ofSeconds(10)).until(() -> shown(robot, "#recoverButton") && shown(robot, "#rebaseButton"));
        assertThat(text(robot, "#mirrorDecision")).startsWith("Supabase has gone back in time");

        // the dry run, then its counts per table in the confirmation; cancelled, nothing is applied
        robot.clickOn("#recoverButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#dialogMessage").tryQuery().isPresent());
        assertThat(text(robot, "#dialogMessage"))
                .contains("customers: 3 to recreate, 2 to change back, 1 to delete; 1 changed in Supabase since")
                .contains("payments: 5 to recreate, 0 to change back, 0 to delete");
        javafx.scene.Node dialog = fx(() -> robot.lookup("#dialogMessage").query().getScene().getRoot());
        javafx.scene.control.Button cancel = fx(() -> robot.from(dialog).lookup(".button").queryAllAs(javafx.scene.control.Button.class)
                .stream().filter(b -> "Cancel".equals(b.getText())).findFirst().orElseThrow());
        robot.clickOn(cancel);
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#jobMessage")
                .equals("Nothing was changed. The mirror still waits for your decision."));
        assertThat(actions.calls).containsExactly("plan");

        // the rebase, confirmed: it runs in the jobs area and ends with the verify's verdict
        robot.clickOn("#rebaseButton");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#confirmDanger").tryQuery().isPresent());
        assertThat(text(robot, "#dialogMessage")).contains("replaces the whole MongoDB backup with Supabase as it is now");
        robot.clickOn("#confirmDanger");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#jobMessage").startsWith("The backup was rebased on Supabase. Verify: "));
        assertThat(actions.calls).containsExactly("plan", "rebase", "verify");

        // the mirror goes on: the buttons go
        publish(standby(0, Duration.ZERO));
        await().atMost(Duration.ofSeconds(10)).until(() -> !shown(robot, "#recoverButton") && !shown(robot, "#rebaseButton"));
        assertThat(shown(robot, "#mirrorDecision")).isFalse();
    }

    private static String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
