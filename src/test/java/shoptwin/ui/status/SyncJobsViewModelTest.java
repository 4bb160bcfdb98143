package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.Reachability;
import shoptwin.store.copy.MirrorTable;
import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.RecoveryPlan;
import shoptwin.mirror.VerifyReport;
import shoptwin.status.Cancellation;
import shoptwin.status.ResyncOutcome;
import shoptwin.status.SyncActions;
import shoptwin.status.WayOutOutcome;
import shoptwin.ui.fakes.QueuedUiExecutor;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

class SyncJobsViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final FakeSyncActions actions = new FakeSyncActions();

    private SyncJobsViewModel vm(SyncActions a) {
        return new SyncJobsViewModel(a, new SameThreadUiExecutor(), dialogs, Runnable::run);
    }

    @Test
    void verifyFillsTheResultTableWithDifferencesAndSampleIds() {
        SyncJobsViewModel vm = vm(actions);
        actions.verifyReport = new VerifyReport(List.of(
                new VerifyReport.TableReport(MirrorTable.SHOP, 1, 1, 0, 0, 0, List.of(), List.of(), List.of()),
                new VerifyReport.TableReport(MirrorTable.CUSTOMERS, 200, 200, 0, 0, 1, List.of(), List.of(), List.of("c-1")),
                new VerifyReport.TableReport(MirrorTable.PAYMENTS, 900, 901, 0, 1, 0, List.of(), List.of("p-9"), List.of())),
                0, NOW, false);

        vm.verify();

        assertThat(vm.verifyRows()).hasSize(3);
        assertThat(vm.verifyRows().get(0).isEqual()).isTrue();
        assertThat(vm.verifyRows().get(1)).isEqualTo(new SyncJobsViewModel.VerifyRow("customers → customers", 200, 200, 0, 0, 1, "different c-1"));
        assertThat(vm.verifyRows().get(2).sampleIds()).isEqualTo("extra p-9");
        assertThat(vm.jobMessageProperty().get()).startsWith("Supabase and MongoDB differ: 2 documents to repair");
        assertThat(vm.progressProperty(MirrorTable.PAYMENTS).get()).isEqualTo(1.0);
        assertThat(vm.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.NONE);
        assertThat(actions.progressSeen).contains("customers 100/200");
    }

    private static ConnectionStatus connection(Reachability supabase, Reachability mongo) {
        return new ConnectionStatus(db(MonitoredDatabase.SUPABASE, supabase), db(MonitoredDatabase.MONGODB, mongo), NOW);
    }

    private static DatabaseStatus db(MonitoredDatabase which, Reachability r) {
        return new DatabaseStatus(which, r, null, r == Reachability.DOWN ? 3 : 0, NOW, NOW.minusSeconds(20), NOW,
                r == Reachability.DOWN ? "shoptwin-pg - Connection is not available, request timed out after 5000ms (total=0, active=0)" : null);
    }

    @Test
    void whileSupabaseIsDownVerifyAndResyncSaySoAndAnEarlierResultGoesWhenThingsChange() {
        SyncJobsViewModel vm = vm(actions);
        vm.connectionChanged(connection(Reachability.UP, Reachability.UP));
        actions.verifyReport = new VerifyReport(List.of(
                new VerifyReport.TableReport(MirrorTable.CUSTOMERS, 200, 200, 0, 0, 1, List.of(), List.of(), List.of("c-1"))), 0, NOW, false);
        vm.verify();
        assertThat(vm.verifyRows()).hasSize(1);
        assertThat(vm.unavailableProperty().get()).isEmpty();

        // Supabase goes down: the old result is out of date, and both jobs say what they need
        vm.connectionChanged(connection(Reachability.DOWN, Reachability.UP));
        assertThat(vm.verifyRows()).isEmpty();
        assertThat(vm.jobMessageProperty().get()).isEmpty();
        assertThat(vm.progressProperty(MirrorTable.CUSTOMERS).get()).isZero();
        assertThat(vm.unavailableProperty().get())
                .isEqualTo("Verify and Resync need Supabase, which is not answering. They can run again once it answers.");
        vm.verify();
        vm.resync();
        assertThat(vm.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.NONE);
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(actions.resyncs).isZero();

        // MongoDB down instead
        vm.connectionChanged(connection(Reachability.UP, Reachability.DOWN));
        assertThat(vm.unavailableProperty().get()).contains("need the MongoDB backup");

        // both back: they can run, and nothing stale is left
        vm.connectionChanged(connection(Reachability.UP, Reachability.UP));
        assertThat(vm.unavailableProperty().get()).isEmpty();
        assertThat(vm.jobMessageProperty().get()).isEmpty();
        // a mere round-trip change keeps the result shown
        vm.verify();
        vm.connectionChanged(connection(Reachability.UP, Reachability.UP));
        assertThat(vm.verifyRows()).hasSize(1);
    }

    @Test
    void aVerifyThatMeetsADatabaseNotAnsweringSaysSoInPlainWords() {
        SyncJobsViewModel vm = vm(actions);
        actions.failure = new IllegalStateException("shoptwin-pg - Connection is not available, request timed out after 5000ms (total=0, active=0, idle=0, waiting=0)");
        vm.verify();
        assertThat(vm.jobMessageProperty().get())
                .isEqualTo("Verify failed: a database did not answer (no answer in time). Nothing was changed; try again when Sync status shows both up.")
                .doesNotContain("shoptwin-pg").doesNotContain("Something went wrong");
    }

    @Test
    void resyncAsksFirstAndDoesNothingWhenDeclined() {
        SyncJobsViewModel vm = vm(actions);
        dialogs.confirm = false;
        vm.resync();
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(actions.resyncs).isZero();
    }

    @Test
    void resyncShowsProgressPerTableAndCanBeCancelled() {
        QueuedUiExecutor queued = new QueuedUiExecutor();
        SyncJobsViewModel vm = new SyncJobsViewModel(actions, queued, dialogs, Runnable::run);
        vm.resync();
        assertThat(vm.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.RESYNC);
        assertThat(vm.busyBinding().get()).isTrue();
        vm.verify(); // one job at a time
        assertThat(queued.pending()).isEqualTo(1);

        vm.cancel();
        assertThat(vm.cancellingProperty().get()).isTrue();
        queued.runAll();

        assertThat(actions.lastCancellation.isCancelled()).isTrue();
        assertThat(vm.jobMessageProperty().get()).startsWith("Resync cancelled: 100 documents written");
        assertThat(vm.progressProperty(MirrorTable.CUSTOMERS).get()).isEqualTo(0.5);
        assertThat(vm.progressTextProperty(MirrorTable.CUSTOMERS).get()).isEqualTo("100 / 200");
        assertThat(vm.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.NONE);

        vm.resync();
        queued.runAll();
        assertThat(vm.jobMessageProperty().get()).startsWith("Resync finished in 1 s: 1,101 documents written, 2 removed");
        assertThat(vm.progressProperty(MirrorTable.CUSTOMERS).get()).isEqualTo(1.0);
    }

    @Test
    void aFailedJobSaysSoAndFreesTheButtons() {
        SyncJobsViewModel vm = vm(actions);
        actions.failure = new IllegalStateException("MongoDB did not answer");
        vm.verify();
        assertThat(vm.jobMessageProperty().get()).startsWith("Verify failed:").contains("MongoDB did not answer");
        assertThat(vm.busyBinding().get()).isFalse();
    }

    @Test
    void retryParkedReportsHowManyWentBack() {
        SyncJobsViewModel vm = vm(actions);
        actions.parked = 3;
        vm.retryParked();
        assertThat(vm.jobMessageProperty().get()).startsWith("3 parked changes returned to the change log");
        assertThat(vm.retryingParkedProperty().get()).isFalse();
    }

    // ------------------------------------------------------------------ fakes

    static final class FakeSyncActions implements SyncActions {
        VerifyReport verifyReport = new VerifyReport(List.of(), 0, NOW, false);
        RuntimeException failure;
        int resyncs;
        int parked;
        Cancellation lastCancellation;
        final List<String> progressSeen = new ArrayList<>();

        @Override
        public VerifyReport verify(ProgressListener progress, Cancellation cancellation) {
            if (failure != null) {
                throw failure;
            }
            progress.progress(MirrorTable.CUSTOMERS, 100, 200);
            progressSeen.add("customers 100/200");
            return verifyReport;
        }

        @Override
        public ResyncOutcome resync(ProgressListener progress, Cancellation cancellation) {
            resyncs++;
            lastCancellation = cancellation;
            progress.progress(MirrorTable.SHOP, 1, 1);
            progress.progress(MirrorTable.CUSTOMERS, 100, 200);
            if (cancellation.isCancelled()) {
                return new ResyncOutcome(List.of(new ResyncOutcome.Table(MirrorTable.SHOP, 1, 0, 0, 0),
                        new ResyncOutcome.Table(MirrorTable.CUSTOMERS, 100, 100, 0, 0)), true, Duration.ofMillis(300), "");
            }
            progress.progress(MirrorTable.CUSTOMERS, 200, 200);
            progress.progress(MirrorTable.PAYMENTS, 900, 900);
            return new ResyncOutcome(List.of(new ResyncOutcome.Table(MirrorTable.SHOP, 1, 1, 0, 0),
                    new ResyncOutcome.Table(MirrorTable.CUSTOMERS, 200, 200, 1, 0),
                    new ResyncOutcome.Table(MirrorTable.PAYMENTS, 900, 900, 1, 0)), false, Duration.ofMillis(1200), "");
        }

        @Override
        public int retryParked() {
            return parked;
        }

        // ---- the ways out (WaysOutViewModelTest)
        RecoveryPlan plan = new RecoveryPlan(List.of(
                new RecoveryPlan.Table(MirrorTable.SHOP, 0, 0, 0, 0, List.of()),
                new RecoveryPlan.Table(MirrorTable.CUSTOMERS, 3, 2, 1, 1, List.of("c-7")),
                new RecoveryPlan.Table(MirrorTable.PAYMENTS, 5, 0, 0, 0, List.of())));
        final List<String> calls = new ArrayList<>();
        RuntimeException wayOutFailure;

        @Override
        public RecoveryPlan recoverPlan() {
            calls.add("plan");
            return plan;
        }

        @Override
        public WayOutOutcome recover(ProgressListener progress) {
            calls.add("recover");
            return wayOut(progress, plan);
        }

        @Override
        public WayOutOutcome rebase(ProgressListener progress) {
            calls.add("rebase");
            return wayOut(progress, null);
        }

        private WayOutOutcome wayOut(ProgressListener progress, RecoveryPlan broughtBack) {
            if (wayOutFailure != null) {
                throw wayOutFailure;
            }
            progress.progress(MirrorTable.CUSTOMERS, 100, 200);
            calls.add("verify");
            return new WayOutOutcome(broughtBack, new ResyncOutcome(List.of(new ResyncOutcome.Table(MirrorTable.SHOP, 1, 1, 0, 0),
                    new ResyncOutcome.Table(MirrorTable.CUSTOMERS, 200, 200, 0, 0),
                    new ResyncOutcome.Table(MirrorTable.PAYMENTS, 900, 900, 0, 0)), false, Duration.ofMillis(900), ""), verifyReport);
        }
    }
}
