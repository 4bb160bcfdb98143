package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import shoptwin.mirror.MirrorHealth.State;

/** The leader writes its state to mirror_leader when it changes, else every four seconds of the mirror's clock. */
class LeaderHeartbeatTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private final PostgresLeadership leadership = new PostgresLeadership(null, "till-1", MirrorHealth.Kind.CONSOLE, s -> s);

    @Test
    void anUnchangedStateIsWrittenAgainOnlyAfterTheHeartbeatInterval() {
        assertThat(leadership.heartbeatDue(health(State.RUNNING, T0))).as("first").isTrue();
        leadership.heartbeatSent(health(State.RUNNING, T0));
        assertThat(leadership.heartbeatDue(health(State.RUNNING, T0.plusMillis(3_999)))).isFalse();
        assertThat(leadership.heartbeatDue(health(State.RUNNING, T0.plus(PostgresLeadership.HEARTBEAT_EVERY)))).isTrue();
    }

    @Test
    void aClockSetBackWritesAtOnce() {
        leadership.heartbeatSent(health(State.RUNNING, T0));
        assertThat(leadership.heartbeatDue(health(State.RUNNING, T0.minusSeconds(3_600)))).isTrue();
    }

    @Test
    void aChangedStateIsWrittenAtOnceAndStoppedNever() {
        leadership.heartbeatSent(health(State.RUNNING, T0));
        assertThat(leadership.heartbeatDue(health(State.CATCHING_UP, T0.plusMillis(10)))).isTrue();
        assertThat(leadership.heartbeatDue(health(State.STOPPED, T0.plusSeconds(60)))).isFalse();
    }

    private static MirrorHealth health(State state, Instant at) {
        return new MirrorHealth(state, null, 0, Duration.ZERO, null, 0, 0, List.of(), Optional.empty(), at);
    }
}
