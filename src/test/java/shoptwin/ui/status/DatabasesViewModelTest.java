package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import shoptwin.failover.ConnectionMonitor;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.ui.fakes.MutableClock;

class DatabasesViewModelTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T14:00:00Z"));

    @Test
    void databasesShowRoundTripWhenUpAndHowLongTheyAreDown() {
        AtomicInteger supabaseFails = new AtomicInteger();
        ConnectionMonitor monitor = new ConnectionMonitor(() -> {
            if (supabaseFails.get() > 0) {
                throw new java.net.ConnectException("Connection refused");
            }
        }, () -> { }, Duration.ofSeconds(1), 2);
        DatabasesViewModel vm = new DatabasesViewModel(clock);
        assertThat(vm.supabaseTextProperty().get()).isEqualTo("Checking…");

        monitor.probe(MonitoredDatabase.SUPABASE);
        monitor.probe(MonitoredDatabase.MONGODB);
        vm.show(monitor.current());
        assertThat(vm.supabaseTextProperty().get()).matches("Up · [0-9.]+ ms");
        assertThat(vm.supabaseLevelProperty().get()).isEqualTo(StatusLevel.OK);
        assertThat(vm.mongoLevelProperty().get()).isEqualTo(StatusLevel.OK);

        supabaseFails.set(1);
        monitor.probe(MonitoredDatabase.SUPABASE);
        vm.show(monitor.current());
        assertThat(vm.supabaseLevelProperty().get()).isEqualTo(StatusLevel.WARNING);
        // up and failed at once reads as one thing, in plain words
        assertThat(vm.supabaseTextProperty().get()).isEqualTo("Did not answer the last check: connection refused (is the server running?)");

        monitor.probe(MonitoredDatabase.SUPABASE);
        vm.show(monitor.current());
        assertThat(vm.supabaseLevelProperty().get()).isEqualTo(StatusLevel.DANGER);
        assertThat(vm.supabaseTextProperty().get()).startsWith("Down for ").endsWith(": connection refused (is the server running?)");
        monitor.close();
    }
}
