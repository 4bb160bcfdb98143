package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.MirrorError;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.ui.fakes.MutableClock;
import shoptwin.ui.main.MirrorIndicator;

class MirrorHealthViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);

    private MirrorHealthViewModel vm() {
        return new MirrorHealthViewModel(clock);
    }

    static MirrorHealth health(State state, long backlog, Duration lag, Instant lastSuccess, long parked,
            List<MirrorError> errors, Optional<Leader> leader, Instant at) {
        return new MirrorHealth(state, state == State.RETRYING ? at.plusSeconds(4) : null, backlog, lag, lastSuccess, 37,
                parked, errors, leader, at);
    }

    @Test
    void aMirrorThatStoppedCopyingBecauseSupabaseWentBackInTimeSaysSoInOneSentenceWithTheWaysOut() {
        MirrorHealthViewModel vm = vm();
        vm.show(health(State.RUNNING, 0, Duration.ZERO, NOW.minusSeconds(5), 0, List.of(), Optional.empty(), NOW));
        assertThat(vm.decisionProperty().get()).isEmpty();

        vm.show(new MirrorHealth(State.DIVERGED, null, 3, Duration.ofSeconds(20), NOW.minusSeconds(60), 0, 0, List.of(),
                Optional.of(new Leader("till-1", 42, NOW.minusSeconds(3600), true)), NOW,
                new shoptwin.mirror.Divergence(shoptwin.mirror.Divergence.Kind.BEHIND, NOW)));

        assertThat(vm.mirrorStateProperty().get()).isEqualTo("Stopped copying: your decision is needed");
        assertThat(vm.mirrorLevelProperty().get()).isEqualTo(StatusLevel.DANGER);
        assertThat(vm.decisionProperty().get())
                .startsWith("Supabase has gone back in time (it was restored to an earlier point)")
                .contains("shoptwin recover --dry-run").contains("shoptwin resync --rebase");

        vm.show(health(State.RUNNING, 0, Duration.ZERO, NOW, 0, List.of(), Optional.empty(), NOW));
        assertThat(vm.decisionProperty().get()).as("gone once a way out was taken").isEmpty();
    }

    @Test
    void aHealthyMirrorShowsItsFiguresAndThisConsoleAsLeader() {
        MirrorHealthViewModel vm = vm();
        vm.show(health(State.RUNNING, 0, Duration.ZERO, NOW.minusSeconds(5), 0, List.of(),
                Optional.of(new Leader("till-1", 42, NOW.minusSeconds(3600), true)), NOW));

        assertThat(vm.mirrorStateProperty().get()).isEqualTo("Running");
        assertThat(vm.mirrorLevelProperty().get()).isEqualTo(StatusLevel.OK);
        assertThat(vm.backlogProperty().get()).isEqualTo("0 changes");
        assertThat(vm.lagProperty().get()).isEqualTo("0 s");
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("13:59:55 (5 s ago)");
        assertThat(vm.changesPerMinuteProperty().get()).isEqualTo("37");
        assertThat(vm.leaderProperty().get()).isEqualTo("This console (till-1, since 13:00:00)");
        assertThat(vm.indicatorProperty().get().level()).isEqualTo(MirrorIndicator.Level.OK);
        assertThat(vm.indicatorProperty().get().text()).isEqualTo("Mirror: running · backlog 0");
    }

    @Test
    void aRetryingMirrorShowsItsBacklogLagAndWhenItTriesAgain() {
        MirrorHealthViewModel vm = vm();
        vm.show(health(State.RETRYING, 1234, Duration.ofSeconds(75), NOW.minusSeconds(80), 0, List.of(),
                Optional.of(new Leader("till-1", 42, NOW.minusSeconds(3600), true)), NOW));

        assertThat(vm.mirrorStateProperty().get()).isEqualTo("Retrying in 4 s");
        assertThat(vm.mirrorLevelProperty().get()).isEqualTo(StatusLevel.DANGER);
        assertThat(vm.backlogProperty().get()).isEqualTo("1,234 changes");
        assertThat(vm.lagProperty().get()).isEqualTo("1 min 15 s");
        assertThat(vm.indicatorProperty().get().text()).isEqualTo("Mirror: retrying in 4 s · backlog 1,234 · lag 1 min 15 s");

        // the oldest change keeps ageing between snapshots while it waits
        clock.advance(Duration.ofSeconds(10));
        vm.tick();
        assertThat(vm.lagProperty().get()).isEqualTo("1 min 25 s");
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("13:58:40 (1 min 30 s ago)");
    }

    @Test
    void anotherConsoleLeadingIsNamedWithItsHost() {
        MirrorHealthViewModel vm = vm();
        vm.show(health(State.STANDBY, 0, Duration.ZERO, null, 0, List.of(),
                Optional.of(new Leader("office-pc", 4242, NOW.minusSeconds(60), false)), NOW));

        assertThat(vm.leaderProperty().get()).isEqualTo("office-pc (pid 4242), since 13:59:00");
        assertThat(vm.mirrorStateProperty().get()).startsWith("Standby");
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("none since start");
    }

    @Test
    void parkedChangesWarnAndRecentErrorsShowNewestFirstWithSecretsMasked() {
        MirrorHealthViewModel vm = vm();
        vm.show(health(State.RUNNING, 0, Duration.ZERO, NOW, 3,
                List.of(new MirrorError(NOW.minusSeconds(20), "first"),
                        new MirrorError(NOW.minusSeconds(10), "cannot reach postgresql://shop:hunter22@db.example.com:5432/postgres")),
                Optional.empty(), NOW));

        assertThat(vm.parkedProperty().get()).isEqualTo("3");
        assertThat(vm.mirrorLevelProperty().get()).isEqualTo(StatusLevel.WARNING);
        assertThat(vm.recentErrors()).hasSize(2);
        assertThat(vm.recentErrors().get(0)).startsWith("13:59:50").doesNotContain("hunter22").contains("****");
        assertThat(vm.recentErrors().get(1)).isEqualTo("13:59:40  first");
    }

    @Test
    void theChartKeepsTheLastHourInABoundedRingBuffer() {
        ChartHistory ring = new ChartHistory(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(new ChartHistory.Sample(NOW.plusSeconds(i), i, i / 2.0));
        }
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.samples()).extracting(ChartHistory.Sample::backlog).containsExactly(3L, 4L, 5L);
        assertThat(ring.maxBacklog()).isEqualTo(5);

        MirrorHealthViewModel vm = vm();
        assertThat(vm.history().capacity()).isEqualTo(720); // one hour at one sample every five seconds
        vm.sample();
        assertThat(vm.chartSamples()).isEmpty(); // nothing known yet: nothing drawn
        for (int i = 0; i < 800; i++) {
            vm.show(health(State.RUNNING, i, Duration.ofMillis(i * 100L), NOW, 0, List.of(), Optional.empty(), clock.instant()));
            vm.sample();
            clock.advance(MirrorHealthViewModel.SAMPLE_EVERY);
        }
        assertThat(vm.chartSamples()).hasSize(720);
        assertThat(vm.chartSamples().get(0).backlog()).isEqualTo(80);
        assertThat(vm.chartSamples().get(719).backlog()).isEqualTo(799);
        assertThat(vm.chartSamples().get(719).lagSeconds()).isEqualTo(79.9);
        assertThat(Duration.between(vm.chartSamples().get(0).at(), vm.chartSamples().get(719).at()))
                .isLessThan(Duration.ofHours(1));
    }
}
