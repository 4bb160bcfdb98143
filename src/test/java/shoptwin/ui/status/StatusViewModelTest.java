package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.MirrorError;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.store.copy.MirrorTable;
import shoptwin.mirror.ProgressListener;
import shoptwin.mirror.VerifyReport;
import shoptwin.status.Cancellation;
import shoptwin.status.ResyncOutcome;
import shoptwin.status.SyncActions;
import shoptwin.ui.fakes.QueuedUiExecutor;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;
import shoptwin.ui.main.MirrorIndicator;

class StatusViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final FakeSyncActions actions = new FakeSyncActions();

    private StatusViewModel vm(SyncActions a, OutageDrill drill) {
        return new StatusViewModel(a, drill, new SameThreadUiExecutor(), dialogs, Runnable::run, clock);
    }

    private static MirrorHealth health(State state, long backlog, Duration lag, Instant lastSuccess, long parked,
            List<MirrorError> errors, Optional<Leader> leader, Instant at) {
        return new MirrorHealth(state, state == State.RETRYING ? at.plusSeconds(4) : null, backlog, lag, lastSuccess, 37,
                parked, errors, leader, at);
    }

    @Test
    void aHealthyMirrorShowsItsFiguresAndThisConsoleAsLeader() {
        StatusViewModel vm = vm(actions, null);
        vm.showHealth(health(State.RUNNING, 0, Duration.ZERO, NOW.minusSeconds(5), 0, List.of(),
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
        StatusViewModel vm = vm(actions, null);
        vm.showHealth(health(State.RETRYING, 1234, Duration.ofSeconds(75), NOW.minusSeconds(80), 0, List.of(),
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
        StatusViewModel vm = vm(actions, null);
        vm.showHealth(health(State.STANDBY, 0, Duration.ZERO, null, 0, List.of(),
                Optional.of(new Leader("office-pc", 4242, NOW.minusSeconds(60), false)), NOW));

        assertThat(vm.leaderProperty().get()).isEqualTo("office-pc (pid 4242), since 13:59:00");
        assertThat(vm.mirrorStateProperty().get()).startsWith("Standby");
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("none since start");
    }

    @Test
    void parkedChangesWarnAndRecentErrorsShowNewestFirstWithSecretsMasked() {
        StatusViewModel vm = vm(actions, null);
        vm.showHealth(health(State.RUNNING, 0, Duration.ZERO, NOW, 3,
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
    void databasesShowRoundTripWhenUpAndHowLongTheyAreDown() {
        AtomicInteger supabaseFails = new AtomicInteger();
        ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            if (supabaseFails.get() > 0) {
                throw new java.net.ConnectException("Connection refused");
            }
        }, () -> { }, Duration.ofSeconds(1), 2);
        StatusViewModel vm = vm(actions, null);
        assertThat(vm.supabaseTextProperty().get()).isEqualTo("Checking…");

        monitor.probe(MonitoredDatabase.SUPABASE);
        monitor.probe(MonitoredDatabase.MONGODB);
        vm.showConnection(monitor.current());
        assertThat(vm.supabaseTextProperty().get()).matches("Up · [0-9.]+ ms");
        assertThat(vm.supabaseLevelProperty().get()).isEqualTo(StatusLevel.OK);
        assertThat(vm.mongoLevelProperty().get()).isEqualTo(StatusLevel.OK);

        supabaseFails.set(1);
        monitor.probe(MonitoredDatabase.SUPABASE);
        vm.showConnection(monitor.current());
        assertThat(vm.supabaseLevelProperty().get()).isEqualTo(StatusLevel.WARNING);
        assertThat(vm.supabaseTextProperty().get()).contains("1 failed check").contains("Connection refused");

        monitor.probe(MonitoredDatabase.SUPABASE);
        vm.showConnection(monitor.current());
        assertThat(vm.supabaseLevelProperty().get()).isEqualTo(StatusLevel.DANGER);
        assertThat(vm.supabaseTextProperty().get()).startsWith("Down for ").contains("Connection refused");
        monitor.close();
    }

    @Test
    void aDatabaseCardShowsTheGistOfALongDriverErrorAndKeepsTheWholeForItsTooltip() {
        String driver = "Timed out while waiting for a server that matches ReadPreferenceServerSelector{readPreference=primary}. "
                + "Client view of cluster state is {type=UNKNOWN, servers=[{address=127.0.0.1:39379, type=UNKNOWN}]";
        assertThat(StatusFormat.shortError(driver)).isEqualTo("Timed out while waiting for a server that matches ReadPreferenceServe…");
        assertThat(StatusFormat.shortError("Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct"))
                .isEqualTo("Connection to 127.0.0.1:5432 refused");
        assertThat(StatusFormat.shortError("password authentication failed for postgresql://u:s3cret@h/db"))
                .doesNotContain("s3cret");
        assertThat(StatusFormat.niceCeiling(0)).isEqualTo(10);
        assertThat(StatusFormat.niceCeiling(11)).isEqualTo(20);
        assertThat(StatusFormat.niceCeiling(160)).isEqualTo(200);
        assertThat(StatusFormat.niceCeiling(260)).isEqualTo(500);
    }

    @Test
    void formatsDurationsAndRoundTrips() {
        assertThat(StatusFormat.duration(Duration.ofSeconds(0))).isEqualTo("0 s");
        assertThat(StatusFormat.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(StatusFormat.duration(Duration.ofSeconds(120))).isEqualTo("2 min");
        assertThat(StatusFormat.duration(Duration.ofSeconds(3 * 3600 + 5 * 60 + 9))).isEqualTo("3 h 5 min");
        assertThat(StatusFormat.duration(Duration.ofHours(50))).isEqualTo("2 d 2 h");
        assertThat(StatusFormat.roundTrip(Duration.ofMillis(4))).isEqualTo("4 ms");
        assertThat(StatusFormat.roundTrip(Duration.ofNanos(600_000))).isEqualTo("0.6 ms");
        assertThat(StatusFormat.roundTrip(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(StatusFormat.time(NOW.minus(Duration.ofDays(2)), NOW, ZoneOffset.UTC)).isEqualTo("23 Nov 14:00:00");
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

        StatusViewModel vm = vm(actions, null);
        assertThat(vm.history().capacity()).isEqualTo(720); // one hour at one sample every five seconds
        vm.sample();
        assertThat(vm.chartSamples()).isEmpty(); // nothing known yet: nothing drawn
        for (int i = 0; i < 800; i++) {
            vm.showHealth(health(State.RUNNING, i, Duration.ofMillis(i * 100L), NOW, 0, List.of(), Optional.empty(), clock.instant()));
            vm.sample();
            clock.advance(StatusViewModel.SAMPLE_EVERY);
        }
        assertThat(vm.chartSamples()).hasSize(720);
        assertThat(vm.chartSamples().get(0).backlog()).isEqualTo(80);
        assertThat(vm.chartSamples().get(719).backlog()).isEqualTo(799);
        assertThat(vm.chartSamples().get(719).lagSeconds()).isEqualTo(79.9);
        assertThat(Duration.between(vm.chartSamples().get(0).at(), vm.chartSamples().get(719).at()))
                .isLessThan(Duration.ofHours(1));
    }

    @Test
    void verifyFillsTheResultTableWithDifferencesAndSampleIds() {
        StatusViewModel vm = vm(actions, null);
        actions.verifyReport = new VerifyReport(List.of(
                new VerifyReport.TableReport(MirrorTable.SHOP, 1, 1, 0, 0, 0, List.of(), List.of(), List.of()),
                new VerifyReport.TableReport(MirrorTable.CUSTOMERS, 200, 200, 0, 0, 1, List.of(), List.of(), List.of("c-1")),
                new VerifyReport.TableReport(MirrorTable.PAYMENTS, 900, 901, 0, 1, 0, List.of(), List.of("p-9"), List.of())),
                0, NOW, false);

        vm.verify();

        assertThat(vm.verifyRows()).hasSize(3);
        assertThat(vm.verifyRows().get(0).isEqual()).isTrue();
        assertThat(vm.verifyRows().get(1)).isEqualTo(new StatusViewModel.VerifyRow("customers → customers", 200, 200, 0, 0, 1, "different c-1"));
        assertThat(vm.verifyRows().get(2).sampleIds()).isEqualTo("extra p-9");
        assertThat(vm.jobMessageProperty().get()).startsWith("Supabase and MongoDB differ: 2 documents to repair");
        assertThat(vm.progressProperty(MirrorTable.PAYMENTS).get()).isEqualTo(1.0);
        assertThat(vm.jobProperty().get()).isEqualTo(StatusViewModel.Job.NONE);
        assertThat(actions.progressSeen).contains("customers 100/200");
    }

    @Test
    void resyncAsksFirstAndDoesNothingWhenDeclined() {
        StatusViewModel vm = vm(actions, null);
        dialogs.confirm = false;
        vm.resync();
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(actions.resyncs).isZero();
    }

    @Test
    void resyncShowsProgressPerTableAndCanBeCancelled() {
        QueuedUiExecutor queued = new QueuedUiExecutor();
        StatusViewModel vm = new StatusViewModel(actions, null, queued, dialogs, Runnable::run, clock);
        vm.resync();
        assertThat(vm.jobProperty().get()).isEqualTo(StatusViewModel.Job.RESYNC);
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
        assertThat(vm.jobProperty().get()).isEqualTo(StatusViewModel.Job.NONE);

        vm.resync();
        queued.runAll();
        assertThat(vm.jobMessageProperty().get()).startsWith("Resync finished in 1 s: 1,101 documents written, 2 removed");
        assertThat(vm.progressProperty(MirrorTable.CUSTOMERS).get()).isEqualTo(1.0);
    }

    @Test
    void aFailedJobSaysSoAndFreesTheButtons() {
        StatusViewModel vm = vm(actions, null);
        actions.failure = new IllegalStateException("MongoDB did not answer");
        vm.verify();
        assertThat(vm.jobMessageProperty().get()).startsWith("Verify failed:").contains("MongoDB did not answer");
        assertThat(vm.busyBinding().get()).isFalse();
    }

    @Test
    void retryParkedReportsHowManyWentBack() {
        StatusViewModel vm = vm(actions, null);
        actions.parked = 3;
        vm.retryParked();
        assertThat(vm.jobMessageProperty().get()).startsWith("3 parked changes returned to the change log");
        assertThat(vm.retryingParkedProperty().get()).isFalse();
    }

    @Test
    void theOutageDrillStopsAndRestoresEachDatabase() {
        FakeDrill drill = new FakeDrill();
        StatusViewModel vm = vm(actions, drill);
        assertThat(vm.drillAvailable()).isTrue();
        assertThat(vm(actions, null).drillAvailable()).isFalse();

        vm.toggleMongoOutage();
        assertThat(drill.mongo).isFalse();
        assertThat(vm.mongoStoppedProperty().get()).isTrue();
        assertThat(vm.drillMessageProperty().get()).contains("backlog grow");

        vm.toggleSupabaseOutage();
        assertThat(drill.supabase).isFalse();
        assertThat(vm.supabaseStoppedProperty().get()).isTrue();

        vm.toggleMongoOutage();
        vm.toggleSupabaseOutage();
        assertThat(drill.mongo).isTrue();
        assertThat(drill.supabase).isTrue();
        assertThat(vm.mongoStoppedProperty().get()).isFalse();
        assertThat(vm.supabaseStoppedProperty().get()).isFalse();
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
    }

    static final class FakeDrill implements OutageDrill {
        boolean supabase = true;
        boolean mongo = true;

        public boolean isSupabaseRunning() {
            return supabase;
        }

        public void stopSupabase() {
            supabase = false;
        }

        public void startSupabase() {
            supabase = true;
        }

        public boolean isMongoRunning() {
            return mongo;
        }

        public void stopMongo() {
            mongo = false;
        }

        public void startMongo() {
            mongo = true;
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
