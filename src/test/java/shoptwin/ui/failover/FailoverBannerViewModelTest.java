package shoptwin.ui.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import shoptwin.failover.ConnectionListener;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.Failover;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.StoreMode;
import shoptwin.ui.failover.FailoverBannerViewModel.State;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.SameThreadUiExecutor;

class FailoverBannerViewModelTest {
    private static final Instant AS_OF = Instant.parse("2026-11-25T13:58:12Z");
    private final AtomicBoolean supabaseAnswers = new AtomicBoolean(true);
    private final ConnectionMonitor monitor = new ConnectionMonitor(() -> {
        if (!supabaseAnswers.get()) {
            throw new java.net.ConnectException("Connection refused");
        }
    }, () -> { }, Duration.ofSeconds(1), 2);
    private final InMemoryShopStore primary = new InMemoryShopStore();
    /** A backup without the outage journal: reading it is read-only. */
    private final InMemoryShopStore backup = new InMemoryShopStore().readOnly(true);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneOffset.UTC);

    private Failover failover(boolean auto) {
        return new Failover(primary, backup, monitor, () -> Optional.of(AS_OF), auto);
    }

    /** The monitor tells its listeners on its own event thread; the test thread plays the FX thread. */
    private final ConcurrentLinkedQueue<Runnable> fxQueue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger delivered = new AtomicInteger();

    private FailoverBannerViewModel vm(Failover failover) {
        FailoverBannerViewModel vm = new FailoverBannerViewModel(failover, monitor, new SameThreadUiExecutor(), fxQueue::add, clock);
        // registered last, so it hears of a probe after the failover and the banner did
        monitor.addListener(new ConnectionListener() {
            @Override
            public void statusChanged(ConnectionStatus status) {
                delivered.incrementAndGet();
            }
        });
        return vm;
    }

    /** Probes Supabase, waits until the monitor told its listeners, and runs what they handed to the "FX thread". */
    private void probeSupabase(int times) {
        for (int i = 0; i < times; i++) {
            int before = delivered.get();
            monitor.probe(MonitoredDatabase.SUPABASE);
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.get() > before);
            for (Runnable r; (r = fxQueue.poll()) != null; ) {
                r.run();
            }
        }
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void supabaseDownOffersTheBackupThenSwitchingBackReturnsToEditing() {
        Failover failover = failover(false);
        FailoverBannerViewModel vm = vm(failover);
        AtomicInteger switches = new AtomicInteger();
        vm.setOnStoreSwitched(switches::incrementAndGet);
        probeSupabase(1);
        assertThat(vm.stateProperty().get()).isEqualTo(State.HIDDEN);
        assertThat(vm.readOnlyProperty().get()).isFalse();
        assertThat(vm.menuTextProperty().get()).isEqualTo("Read from MongoDB backup");

        // one failed check is below the threshold: no banner yet
        supabaseAnswers.set(false);
        probeSupabase(1);
        assertThat(vm.stateProperty().get()).isEqualTo(State.HIDDEN);
        probeSupabase(1);
        assertThat(vm.stateProperty().get()).isEqualTo(State.SUPABASE_DOWN);
        assertThat(vm.messageProperty().get()).matches("Supabase is not answering \\(since [0-9: A-Za-z]+\\)\\. Saved data is safe.*");
        assertThat(vm.actionTextProperty().get()).isEqualTo("Read from MongoDB backup");
        assertThat(vm.actionVisibleProperty().get()).isTrue();
        assertThat(vm.readOnlyProperty().get()).isFalse();
        assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);

        vm.act();
        assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
        assertThat(failover.store().current()).isSameAs(backup);
        assertThat(vm.stateProperty().get()).isEqualTo(State.BACKUP);
        assertThat(vm.messageProperty().get()).startsWith("Backup, read-only: data as of 13:58:12");
        assertThat(vm.actionVisibleProperty().get()).isFalse();
        assertThat(vm.readOnlyProperty().get()).isTrue();
        assertThat(vm.menuTextProperty().get()).isEqualTo("Switch back to Supabase");
        assertThat(switches.get()).isEqualTo(1);

        supabaseAnswers.set(true);
        probeSupabase(1);
        assertThat(vm.stateProperty().get()).isEqualTo(State.BACKUP_SUPABASE_BACK);
        assertThat(vm.messageProperty().get()).isEqualTo("Backup, read-only: data as of 13:58:12. Supabase answers again.");
        assertThat(vm.actionTextProperty().get()).isEqualTo("Switch back");
        assertThat(vm.readOnlyProperty().get()).isTrue(); // still reading the backup until the user says so

        vm.act();
        assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);
        assertThat(failover.store().current()).isSameAs(primary);
        assertThat(vm.stateProperty().get()).isEqualTo(State.HIDDEN);
        assertThat(vm.readOnlyProperty().get()).isFalse();
        assertThat(switches.get()).isEqualTo(2);
    }

    @Test
    void theBannersTimesReadInTheShopsTimeZone() {
        FailoverBannerViewModel vm = vm(failover(false));
        probeSupabase(1);
        vm.showTimesIn(java.time.ZoneId.of("Asia/Kolkata")); // what SyncConsole passes from the shop's settings
        vm.toggle();
        for (Runnable r; (r = fxQueue.poll()) != null; ) {
            r.run();
        }
        assertThat(vm.messageProperty().get()).startsWith("Backup, read-only: data as of 19:28:12");
    }

    @Test
    void withAutomaticFailoverTheConsoleSwitchesByItselfBothWays() {
        Failover failover = failover(true);
        FailoverBannerViewModel vm = vm(failover);
        supabaseAnswers.set(false);
        probeSupabase(2);
        assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
        assertThat(vm.stateProperty().get()).isEqualTo(State.BACKUP);
        assertThat(vm.readOnlyProperty().get()).isTrue();

        supabaseAnswers.set(true);
        probeSupabase(1);
        assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);
        assertThat(vm.stateProperty().get()).isEqualTo(State.HIDDEN);
        assertThat(vm.readOnlyProperty().get()).isFalse();
    }

    @Test
    void theMenuLooksAtTheBackupAnyTimeAndComesBack() {
        Failover failover = failover(false);
        FailoverBannerViewModel vm = vm(failover);
        probeSupabase(1);

        vm.toggle();
        assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
        assertThat(vm.stateProperty().get()).isEqualTo(State.BACKUP_SUPABASE_BACK);
        assertThat(vm.actionTextProperty().get()).isEqualTo("Switch back");
        assertThat(vm.readOnlyProperty().get()).isTrue();

        vm.toggle();
        assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);
        assertThat(vm.stateProperty().get()).isEqualTo(State.HIDDEN);
    }

    @Test
    void turningAutomaticFailoverOnWhileSupabaseIsDownSwitchesAtOnce() {
        Failover failover = failover(false);
        FailoverBannerViewModel vm = vm(failover);
        supabaseAnswers.set(false);
        probeSupabase(2);
        assertThat(vm.stateProperty().get()).isEqualTo(State.SUPABASE_DOWN);

        vm.setAutoFailover(true);
        assertThat(vm.autoFailoverProperty().get()).isTrue();
        assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
        assertThat(vm.stateProperty().get()).isEqualTo(State.BACKUP);
    }

    @Test
    void stateTableCoversEveryCombination() {
        assertThat(FailoverBannerViewModel.stateOf(StoreMode.PRIMARY, shoptwin.failover.Reachability.UNKNOWN)).isEqualTo(State.HIDDEN);
        assertThat(FailoverBannerViewModel.stateOf(StoreMode.PRIMARY, shoptwin.failover.Reachability.UP)).isEqualTo(State.HIDDEN);
        assertThat(FailoverBannerViewModel.stateOf(StoreMode.PRIMARY, shoptwin.failover.Reachability.DOWN)).isEqualTo(State.SUPABASE_DOWN);
        assertThat(FailoverBannerViewModel.stateOf(StoreMode.BACKUP_READ_ONLY, shoptwin.failover.Reachability.DOWN)).isEqualTo(State.BACKUP);
        assertThat(FailoverBannerViewModel.stateOf(StoreMode.BACKUP_READ_ONLY, shoptwin.failover.Reachability.UP)).isEqualTo(State.BACKUP_SUPABASE_BACK);
    }

    /** The journal's figures as the banner reads them. */
    static final class Figures implements shoptwin.status.OutageChanges {
        volatile shoptwin.status.OutageSummary now = shoptwin.status.OutageSummary.NONE;

        @Override
        public shoptwin.status.OutageSummary summary() {
            return now;
        }

        @Override
        public java.util.List<shoptwin.status.OutageChange> list() {
            return java.util.List.of();
        }

        @Override
        public void keepMine(String id) {
        }

        @Override
        public void keepTheirs(String id) {
        }

        @Override
        public void recreateCustomer(String id) {
        }

        @Override
        public shoptwin.mirror.journal.ReplayReport replayNow() {
            return shoptwin.mirror.journal.ReplayReport.NOTHING;
        }
    }

    @Test
    void workingOnTheBackupKeepsCustomersEditableCountsTheChangesAndAfterwardsAsksForDecisions() {
        InMemoryShopStore working = new InMemoryShopStore(); // the backup with the journal: it takes changes
        Failover failover = new Failover(primary, working, monitor, () -> Optional.of(AS_OF), false);
        Figures figures = new Figures();
        FailoverBannerViewModel vm = new FailoverBannerViewModel(failover, monitor, new SameThreadUiExecutor(), fxQueue::add,
                clock, figures);
        monitor.addListener(new ConnectionListener() {
            @Override
            public void statusChanged(ConnectionStatus status) {
                delivered.incrementAndGet();
            }
        });
        AtomicInteger opened = new AtomicInteger();
        vm.setOnOpenOutage(opened::incrementAndGet);
        supabaseAnswers.set(false);
        probeSupabase(2);
        assertThat(vm.actionTextProperty().get()).isEqualTo("Work on the backup");
        assertThat(vm.messageProperty().get()).contains("keep working on the MongoDB backup");

        vm.act();
        assertThat(failover.mode()).isEqualTo(StoreMode.BACKUP_READ_ONLY);
        assertThat(vm.readOnlyProperty().get()).isFalse(); // customers and payments stay editable
        assertThat(vm.supabaseOnlyProperty().get()).isTrue(); // shop settings and imports wait for Supabase
        assertThat(vm.messageProperty().get()).startsWith("Working on the backup: changes you make will be sent to Supabase when it answers.");
        assertThat(vm.outageTextProperty().get()).isEmpty(); // nothing made yet

        figures.now = new shoptwin.status.OutageSummary(7, 0, 0);
        vm.refreshJournal();
        assertThat(vm.messageProperty().get()).startsWith("Working on the backup: 7 changes will be sent to Supabase when it answers.");
        assertThat(vm.outageTextProperty().get()).isEqualTo("Changes made during the outage…");
        assertThat(vm.outageSummaryProperty().get()).isEqualTo("Changes made during the outage: 7 waiting for Supabase, 0 need a decision.");
        figures.now = new shoptwin.status.OutageSummary(1, 0, 0);
        vm.refreshJournal();
        assertThat(vm.messageProperty().get()).startsWith("Working on the backup: 1 change will be sent");

        supabaseAnswers.set(true);
        probeSupabase(1);
        assertThat(vm.messageProperty().get()).isEqualTo("Working on the backup. Supabase answers again. 1 change made here is being sent to it.");
        figures.now = new shoptwin.status.OutageSummary(0, 1, 6);
        vm.refreshJournal();
        assertThat(vm.messageProperty().get()).isEqualTo("Working on the backup. Supabase answers again. Everything else made here"
                + " has reached it; 1 change needs a decision.");
        vm.act(); // switch back
        assertThat(failover.mode()).isEqualTo(StoreMode.PRIMARY);
        assertThat(vm.supabaseOnlyProperty().get()).isFalse();
        // one change could not be applied as it was: the banner stays up with the way to the outage screen
        assertThat(vm.stateProperty().get()).isEqualTo(State.DECISIONS);
        assertThat(vm.messageProperty().get()).isEqualTo("1 change made during the outage needs a decision: Supabase changed the same thing meanwhile.");
        assertThat(vm.actionTextProperty().get()).isEqualTo("Review…");
        vm.act();
        assertThat(opened.get()).isEqualTo(1);

        figures.now = new shoptwin.status.OutageSummary(0, 0, 7);
        vm.refreshJournal();
        assertThat(vm.stateProperty().get()).isEqualTo(State.HIDDEN);
    }
}
