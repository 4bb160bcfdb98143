package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;
import static shoptwin.ui.status.MirrorHealthViewModelTest.NOW;
import static shoptwin.ui.status.MirrorHealthViewModelTest.health;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.ui.fakes.MutableClock;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;

/** The screen's view model only composes its sections: each test here checks one route. */
class StatusViewModelTest {
    private final MutableClock clock = new MutableClock(NOW);

    private StatusViewModel vm(boolean withActions, boolean withDrill) {
        return new StatusViewModel(withActions ? new SyncJobsViewModelTest.FakeSyncActions() : null,
                withDrill ? new OutageDrillViewModelTest.FakeDrill() : null, new SameThreadUiExecutor(), new ScriptedDialogs(),
                Runnable::run, clock);
    }

    @Test
    void aConnectionSnapshotReachesTheDatabaseCards() {
        StatusViewModel vm = vm(true, false);
        ConnectionMonitor monitor = new ConnectionMonitor(() -> { }, () -> { }, Duration.ofSeconds(1), 2);
        monitor.probe(MonitoredDatabase.SUPABASE);
        vm.showConnection(monitor.current());
        monitor.close();

        assertThat(vm.databases().supabaseLevelProperty().get()).isEqualTo(StatusLevel.OK);
        assertThat(vm.mirror().mirrorStateProperty().get()).isEqualTo("Not known yet");
    }

    @Test
    void aHealthSnapshotReachesTheMirrorSectionAndTheTimersMoveItOn() {
        StatusViewModel vm = vm(true, false);
        vm.showHealth(health(State.RETRYING, 10, Duration.ofSeconds(75), NOW.minusSeconds(80), 0, List.of(), Optional.empty(), NOW));
        assertThat(vm.mirror().lagProperty().get()).isEqualTo("1 min 15 s");
        assertThat(vm.databases().supabaseTextProperty().get()).isEqualTo("Checking…");

        clock.advance(Duration.ofSeconds(10));
        vm.tick();
        assertThat(vm.mirror().lagProperty().get()).isEqualTo("1 min 25 s");
        vm.sample();
        assertThat(vm.mirror().chartSamples()).hasSize(1);
        assertThat(vm.mirror().chartSamples().get(0).lagSeconds()).isEqualTo(85.0);
    }

    @Test
    void theJobsAndTheDrillAreOfferedOnlyWhenTheConsoleHasThem() {
        assertThat(vm(true, true).jobs().actionsAvailable()).isTrue();
        assertThat(vm(true, true).drill().drillAvailable()).isTrue();
        assertThat(vm(false, false).jobs().actionsAvailable()).isFalse();
        assertThat(vm(false, false).drill().drillAvailable()).isFalse();
    }
}
