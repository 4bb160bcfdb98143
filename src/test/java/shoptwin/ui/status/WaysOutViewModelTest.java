package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.Reachability;
import shoptwin.mirror.Divergence;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.mirror.VerifyReport;
import shoptwin.store.copy.MirrorTable;
import shoptwin.ui.fakes.QueuedUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

/**
 * The two ways out on the Sync status screen, without a toolkit: offered only while the mirror waits for a
 * decision; the recover dry run runs in the background and its counts per table are shown before anything is
 * written; cancelling writes nothing; applying ends with a verify that says whether the copy is equal; a failure
 * is said masked; both are disabled with the reason while a database is down.
 */
class WaysOutViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-01T13:00:00Z");
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final SyncJobsViewModelTest.FakeSyncActions actions = new SyncJobsViewModelTest.FakeSyncActions();
    private final QueuedUiExecutor background = new QueuedUiExecutor();
    private final StatusViewModel status = new StatusViewModel(actions, null, background, dialogs, Runnable::run,
            java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    private final WaysOutViewModel vm = status.waysOut();
    private final SyncJobsViewModel jobs = status.jobs();

    private static MirrorHealth health(State state, Divergence divergence) {
        return new MirrorHealth(state, null, 3, Duration.ofSeconds(20), NOW.minusSeconds(60), 0, 0, List.of(),
                Optional.of(new MirrorHealth.Leader("till-1", 42, NOW.minusSeconds(3600), true)), NOW, divergence);
    }

    private static MirrorHealth diverged(Divergence.Kind kind) {
        return health(State.DIVERGED, new Divergence(kind, NOW));
    }

    private static ConnectionStatus connection(Reachability supabase, Reachability mongo) {
        return new ConnectionStatus(db(MonitoredDatabase.SUPABASE, supabase), db(MonitoredDatabase.MONGODB, mongo), NOW);
    }

    private static DatabaseStatus db(MonitoredDatabase which, Reachability r) {
        return new DatabaseStatus(which, r, null, r == Reachability.DOWN ? 3 : 0, NOW, NOW.minusSeconds(20), NOW,
                r == Reachability.DOWN ? "shoptwin-pg - Connection is not available, request timed out after 5000ms" : null);
    }

    private void equalAfterwards() {
        actions.verifyReport = new VerifyReport(List.of(
                new VerifyReport.TableReport(MirrorTable.SHOP, 1, 1, 0, 0, 0, List.of(), List.of(), List.of()),
                new VerifyReport.TableReport(MirrorTable.CUSTOMERS, 200, 200, 0, 0, 0, List.of(), List.of(), List.of()),
                new VerifyReport.TableReport(MirrorTable.PAYMENTS, 900, 900, 0, 0, 0, List.of(), List.of(), List.of())),
                0, NOW, false);
    }

    @Test
    void theWaysOutAreOfferedOnlyWhileTheMirrorWaitsForTheDecision() {
        status.showHealth(health(State.RUNNING, null));
        assertThat(vm.recoverOfferedProperty().get()).isFalse();
        assertThat(vm.rebaseOfferedProperty().get()).isFalse();
        vm.recover();
        vm.rebase();
        assertThat(background.pending()).isZero();
        assertThat(dialogs.confirmations).isEmpty();

        status.showHealth(diverged(Divergence.Kind.BEHIND));
        assertThat(vm.recoverOfferedProperty().get()).isTrue();
        assertThat(vm.rebaseOfferedProperty().get()).isTrue();

        // a rebase that was interrupted has one way out: run it again
        status.showHealth(diverged(Divergence.Kind.REBASE_INTERRUPTED));
        assertThat(vm.recoverOfferedProperty().get()).isFalse();
        assertThat(vm.rebaseOfferedProperty().get()).isTrue();

        // resolved (by this console or elsewhere): gone
        status.showHealth(health(State.RUNNING, null));
        assertThat(vm.rebaseOfferedProperty().get()).isFalse();
    }

    @Test
    void recoverShowsTheDryRunsCountsPerTableAndCancellingWritesNothing() {
        status.showHealth(diverged(Divergence.Kind.BEHIND));
        dialogs.confirm = false;

        vm.recover();
        // the dry run runs in the background: no dialog yet, the jobs area is busy and says so
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(jobs.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.PREVIEW);
        assertThat(jobs.busyBinding().get()).isTrue();
        assertThat(jobs.cancellableBinding().get()).isFalse();
        assertThat(jobs.jobMessageProperty().get()).contains("nothing is written");
        background.runNext();

        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(dialogs.confirmations.get(0))
                .contains("shop: 0 to recreate, 0 to change back, 0 to delete")
                .contains("customers: 3 to recreate, 2 to change back, 1 to delete; 1 changed in Supabase since, kept as Supabase has them (c-7)")
                .contains("payments: 5 to recreate, 0 to change back, 0 to delete");
        assertThat(background.pending()).isZero();
        assertThat(actions.calls).containsExactly("plan");
        assertThat(jobs.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.NONE);
        assertThat(jobs.jobMessageProperty().get()).isEqualTo("Nothing was changed. The mirror still waits for your decision.");
    }

    @Test
    void recoverConfirmedAppliesThenSaysWhatTheVerifyFound() {
        status.showHealth(diverged(Divergence.Kind.BEHIND));
        equalAfterwards();

        vm.recover();
        background.runNext(); // the dry run; the dialog says yes; the apply is queued
        assertThat(jobs.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.RECOVER);
        vm.rebase(); // one job at a time
        assertThat(dialogs.confirmations).hasSize(1);
        background.runAll();

        assertThat(actions.calls).containsExactly("plan", "recover", "verify");
        assertThat(jobs.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.NONE);
        assertThat(jobs.jobMessageProperty().get())
                .isEqualTo("Brought back into Supabase: 8 recreated, 2 changed back, 1 deleted. The backup was rebased on Supabase. "
                        + "Verify: Supabase and MongoDB are equal, row for row. The mirror goes on.");
        assertThat(jobs.verifyRows()).hasSize(3).allMatch(SyncJobsViewModel.VerifyRow::isEqual);
        assertThat(jobs.progressProperty(MirrorTable.PAYMENTS).get()).isEqualTo(1.0);
    }

    @Test
    void rebaseAsksWithADangerConfirmationSayingWhatItReplacesThenVerifies() {
        status.showHealth(diverged(Divergence.Kind.DIFFERENT_DATABASE));
        dialogs.confirm = false;
        vm.rebase();
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(dialogs.confirmations.get(0)).contains("replaces the whole MongoDB backup with Supabase as it is now")
                .contains("tombstones").contains("is gone for good");
        assertThat(background.pending()).isZero();
        assertThat(actions.calls).isEmpty();

        // a backup that still differs afterwards is said as such, not as "the mirror goes on"
        actions.verifyReport = new VerifyReport(List.of(
                new VerifyReport.TableReport(MirrorTable.CUSTOMERS, 200, 200, 1, 0, 0, List.of("c-9"), List.of(), List.of())), 0, NOW, false);
        dialogs.confirm = true;
        vm.rebase();
        assertThat(jobs.jobProperty().get()).isEqualTo(SyncJobsViewModel.Job.REBASE);
        background.runAll();
        assertThat(actions.calls).containsExactly("rebase", "verify");
        assertThat(jobs.jobMessageProperty().get()).startsWith("The backup was rebased on Supabase. Verify: Supabase and MongoDB differ: 1 document")
                .doesNotContain("The mirror goes on");
        assertThat(jobs.verifyRows()).singleElement().satisfies(r -> assertThat(r.sampleIds()).isEqualTo("missing c-9"));
    }

    @Test
    void aFailureIsSaidWithTheSecretsMasked() {
        status.showHealth(diverged(Divergence.Kind.BEHIND));
        actions.wayOutFailure = new IllegalStateException(
                "could not write to mongodb://shop:hunter2@mongo.example.com:27017/shop?authSource=admin");
        vm.recover();
        background.runAll();
        assertThat(jobs.jobMessageProperty().get()).startsWith("Bringing the data back failed: Something went wrong:")
                .contains("mongo.example.com").doesNotContain("hunter2")
                .endsWith("Supabase is as it was before (its writes are one transaction); the mirror still waits.");
        assertThat(jobs.busyBinding().get()).isFalse();

        vm.rebase();
        background.runAll();
        assertThat(jobs.jobMessageProperty().get()).startsWith("The rebase failed:").doesNotContain("hunter2");
        assertThat(jobs.busyBinding().get()).isFalse();
    }

    @Test
    void supabaseGoingAwayWhileThePreviewIsOpenAppliesNothing() {
        ScriptedDialogs scripted = new ScriptedDialogs();
        StatusViewModel[] screen = new StatusViewModel[1];
        shoptwin.ui.common.DialogService meanwhile = new shoptwin.ui.common.DialogService() {
            @Override
            public void showError(String title, String message) {
                scripted.showError(title, message);
            }

            @Override
            public void showInfo(String title, String message) {
                scripted.showInfo(title, message);
            }

            @Override
            public boolean confirmDanger(String title, String message, String confirmLabel) {
                screen[0].showConnection(connection(Reachability.DOWN, Reachability.UP));
                return scripted.confirmDanger(title, message, confirmLabel);
            }

            @Override
            public ConflictChoice askConflict(String title, String message) {
                return scripted.askConflict(title, message);
            }

            @Override
            public UnsavedChoice askUnsavedChanges(String message) {
                return scripted.askUnsavedChanges(message);
            }

            @Override
            public Optional<java.nio.file.Path> chooseSaveFile(String title, String suggestedName) {
                return scripted.chooseSaveFile(title, suggestedName);
            }
        };
        screen[0] = new StatusViewModel(actions, null, background, meanwhile, Runnable::run,
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        screen[0].showHealth(diverged(Divergence.Kind.BEHIND));

        screen[0].waysOut().recover();
        background.runNext();

        assertThat(scripted.confirmations).hasSize(1);
        assertThat(background.pending()).isZero();
        assertThat(actions.calls).containsExactly("plan");
        assertThat(screen[0].jobs().jobMessageProperty().get())
                .isEqualTo("Nothing was changed: Both ways out need Supabase, which is not answering. They can run once it answers.");
    }

    @Test
    void whileADatabaseIsDownBothAreDisabledWithTheReason() {
        status.showHealth(diverged(Divergence.Kind.BEHIND));
        status.showConnection(connection(Reachability.DOWN, Reachability.UP));
        assertThat(vm.unavailableProperty().get())
                .isEqualTo("Both ways out need Supabase, which is not answering. They can run once it answers.");
        vm.recover();
        vm.rebase();
        assertThat(background.pending()).isZero();
        assertThat(dialogs.confirmations).isEmpty();

        status.showConnection(connection(Reachability.UP, Reachability.DOWN));
        assertThat(vm.unavailableProperty().get()).contains("need the MongoDB backup");

        status.showConnection(connection(Reachability.UP, Reachability.UP));
        assertThat(vm.unavailableProperty().get()).isEmpty();
        vm.recover();
        assertThat(background.pending()).isEqualTo(1);
    }
}
