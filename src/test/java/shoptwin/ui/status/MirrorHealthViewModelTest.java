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
        assertThat(vm.leaderProperty().get()).isEqualTo("This console (till-1), since 13:00:00");
        assertThat(vm.indicatorProperty().get().level()).isEqualTo(MirrorIndicator.Level.OK);
        assertThat(vm.indicatorProperty().get().text()).isEqualTo("Mirror: running · backlog 0");
    }

    @Test
    void aTableWhoseColumnsChangedIsOneLineOnTheMirrorCardUntilItsDocumentsFollow() {
        MirrorHealthViewModel vm = vm();
        MirrorHealth plain = health(State.RUNNING, 0, Duration.ZERO, NOW, 0, List.of(), Optional.empty(), NOW);
        vm.show(plain);
        assertThat(vm.copyUpdateProperty().get()).isEmpty();
        vm.show(new MirrorHealth(State.RUNNING, null, 0, Duration.ZERO, NOW, 0, 0, List.of(), Optional.empty(), NOW,
                Optional.of(new MirrorHealth.CopyUpdate(shoptwin.store.copy.MirrorTable.CUSTOMERS, 1_200, 3_000))));
        assertThat(vm.copyUpdateProperty().get()).isEqualTo("The customers table changed in Supabase: updating the copy (1,200 / 3,000)");
        vm.show(plain);
        assertThat(vm.copyUpdateProperty().get()).isEmpty();
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

        assertThat(vm.leaderProperty().get()).isEqualTo("ShopTwin on office-pc, since 13:59:00");
        assertThat(vm.mirrorStateProperty().get()).isEqualTo("Standing by: ShopTwin on office-pc copies the changes");
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("none since start");
    }

    @Test
    void aServiceOrAConsoleLeadingIsNamedByWhatItIs() {
        MirrorHealthViewModel vm = vm();
        vm.show(health(State.STANDBY, 0, Duration.ZERO, null, 0, List.of(),
                Optional.of(new Leader("shop-server", 99, NOW.minusSeconds(6 * 3600), false, MirrorHealth.Kind.SERVICE)), NOW));
        assertThat(vm.leaderProperty().get()).isEqualTo("Mirror service on shop-server, since 08:00:00");
        assertThat(vm.mirrorStateProperty().get()).isEqualTo("Standing by: the mirror service on shop-server copies the changes");

        vm.show(health(State.STANDBY, 0, Duration.ZERO, null, 0, List.of(),
                Optional.of(new Leader("till-2", 7, NOW.minusSeconds(60), false, MirrorHealth.Kind.CONSOLE)), NOW));
        assertThat(vm.leaderProperty().get()).isEqualTo("Console on till-2, since 13:59:00");

        vm.show(health(State.STANDBY, 0, Duration.ZERO, null, 0, List.of(), Optional.empty(), NOW));
        assertThat(vm.leaderProperty().get()).isEqualTo("Nobody: no console or mirror service copies the changes");
        assertThat(vm.leaderProperty().get()).doesNotContain("Not known yet");
    }

    @Test
    void aCopyFallingBehindThePointWarnsOnTheStatusBarNamingWhoShouldDeliver() {
        MirrorHealthViewModel vm = new MirrorHealthViewModel(clock, Duration.ofMinutes(5));
        Optional<Leader> service = Optional.of(new Leader("shop-server", 99, NOW.minusSeconds(8 * 3600), false, MirrorHealth.Kind.SERVICE));

        // 4 min 50 s behind: within the threshold, no warning
        vm.show(health(State.STANDBY, 12, Duration.ofSeconds(290), null, 0, List.of(), service, NOW));
        assertThat(vm.lagWarningProperty().get()).isEmpty();
        assertThat(vm.indicatorProperty().get().text()).startsWith("Mirror: standing by");

        // the oldest change keeps ageing while nothing is delivered: past 5 min the console warns
        clock.advance(Duration.ofSeconds(20));
        vm.tick();
        assertThat(vm.lagWarningProperty().get())
                .isEqualTo("The backup is 5 min behind: 12 changes waiting; the mirror service on shop-server is not delivering");
        assertThat(vm.indicatorProperty().get().level()).isEqualTo(MirrorIndicator.Level.DANGER);
        assertThat(vm.indicatorProperty().get().text()).isEqualTo(vm.lagWarningProperty().get());

        vm.show(health(State.STANDBY, 1234, Duration.ofMinutes(125), null, 0, List.of(), service, clock.instant()));
        assertThat(vm.lagWarningProperty().get())
                .isEqualTo("The backup is 2 h behind: 1,234 changes waiting; the mirror service on shop-server is not delivering");

        vm.show(health(State.STANDBY, 1234, Duration.ofMinutes(125), null, 0, List.of(), Optional.empty(), clock.instant()));
        assertThat(vm.lagWarningProperty().get()).endsWith("waiting; no console or mirror service is copying the changes");

        vm.show(health(State.RETRYING, 3, Duration.ofMinutes(7), null, 0, List.of(),
                Optional.of(new Leader("till-1", 42, NOW, true, MirrorHealth.Kind.CONSOLE)), clock.instant()));
        assertThat(vm.lagWarningProperty().get()).isEqualTo("The backup is 7 min behind: 3 changes waiting; the mirror in this console is not delivering");

        // delivered: the warning goes by itself
        vm.show(health(State.RUNNING, 0, Duration.ZERO, clock.instant(), 0, List.of(),
                Optional.of(new Leader("till-1", 42, NOW, true, MirrorHealth.Kind.CONSOLE)), clock.instant()));
        assertThat(vm.lagWarningProperty().get()).isEmpty();
        assertThat(vm.indicatorProperty().get().text()).isEqualTo("Mirror: running · backlog 0");
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
        assertThat(vm.recentErrors().get(1)).isEqualTo("13:59:40  first  (resolved)"); // a batch reached MongoDB since
    }

    @Test
    void timesReadInTheShopsTimeZoneNotTheComputers() {
        MirrorHealthViewModel vm = vm(); // the clock's zone is UTC, the computer's
        vm.show(health(State.RUNNING, 0, Duration.ZERO, NOW.minusSeconds(5), 0,
                List.of(new MirrorError(NOW.minusSeconds(60), "MongoDB did not answer")),
                Optional.of(new Leader("till-1", 42, NOW.minusSeconds(3600), true)), NOW));
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("13:59:55 (5 s ago)");

        vm.showTimesIn(java.time.ZoneId.of("Asia/Kolkata")); // the shop's zone, as its settings say
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("19:29:55 (5 s ago)");
        assertThat(vm.leaderProperty().get()).isEqualTo("This console (till-1), since 18:30:00");
        assertThat(vm.recentErrors()).containsExactly("19:29:00  MongoDB did not answer  (resolved)");

        // past the shop's midnight the date shows, judged by the shop's day (still the same UTC day)
        vm.showTimesIn(java.time.ZoneId.of("Pacific/Kiritimati")); // UTC+14: 04:00 on 26 Nov there
        vm.show(health(State.RUNNING, 0, Duration.ZERO, NOW.minusSeconds(4 * 3600 + 60), 0, List.of(), Optional.empty(), NOW));
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("25 Nov 23:59:00 (4 h 1 min ago)");
    }

    @Test
    void errorsFromBeforeTheCopyWorkedAgainAreMarkedResolved() {
        MirrorHealthViewModel vm = vm();
        List<MirrorError> errors = List.of(new MirrorError(NOW.minusSeconds(60), "MongoDB did not answer"),
                new MirrorError(NOW.minusSeconds(5), "MongoDB did not answer again"));
        vm.show(health(State.RUNNING, 0, Duration.ZERO, NOW.minusSeconds(30), 0, errors, Optional.empty(), NOW));
        assertThat(vm.recentErrors()).containsExactly("13:59:55  MongoDB did not answer again", "13:59:00  MongoDB did not answer  (resolved)");
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
