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

    @Test
    void theFirstSuccessIsWrittenAtOnce() {
        // a leader that found the log empty at first, then mirrored its first batch: status must not say "none yet"
        leadership.heartbeatSent(health(State.RUNNING, T0));
        assertThat(leadership.heartbeatDue(health(State.RUNNING, T0.plusMillis(10), T0.plusMillis(10)))).isTrue();
        leadership.heartbeatSent(health(State.RUNNING, T0.plusMillis(10), T0.plusMillis(10)));
        assertThat(leadership.heartbeatDue(health(State.RUNNING, T0.plusMillis(20), T0.plusMillis(20)))).as("later ones wait").isFalse();
    }

    @Test
    void aCopyUpdateStartingOrEndingIsWrittenAtOnceItsProgressWithTheHeartbeat() {
        leadership.heartbeatSent(health(State.RUNNING, T0));
        MirrorHealth starting = updating(new MirrorHealth.CopyUpdate(shoptwin.store.copy.MirrorTable.CUSTOMERS, 0, 3_000), T0.plusMillis(10));
        assertThat(leadership.heartbeatDue(starting)).isTrue();
        leadership.heartbeatSent(starting);
        assertThat(leadership.heartbeatDue(updating(new MirrorHealth.CopyUpdate(shoptwin.store.copy.MirrorTable.CUSTOMERS, 1_200, 3_000),
                T0.plusMillis(20)))).as("progress: with the next heartbeat").isFalse();
        assertThat(leadership.heartbeatDue(health(State.RUNNING, T0.plusMillis(30)))).as("done").isTrue();
    }

    @Test
    void theCopyUpdateIsOneSentenceWithItsProgress() {
        var customers = shoptwin.store.copy.MirrorTable.CUSTOMERS;
        assertThat(new MirrorHealth.CopyUpdate(customers, 1_200, 3_000).sentence())
                .isEqualTo("the customers table changed in Supabase: updating the copy (1,200 / 3,000)");
        assertThat(new MirrorHealth.CopyUpdate(customers, 0, -1).sentence()).isEqualTo("the customers table changed in Supabase: updating the copy");
        assertThat(updating(new MirrorHealth.CopyUpdate(customers, 5, 10), T0).summary()).endsWith("; the customers table changed in Supabase: "
                + "updating the copy (5 / 10)");
    }

    private static MirrorHealth updating(MirrorHealth.CopyUpdate update, Instant at) {
        return new MirrorHealth(State.RUNNING, null, 0, Duration.ZERO, null, 0, 0, List.of(), Optional.empty(), at, Optional.of(update));
    }

    private static MirrorHealth health(State state, Instant at) {
        return health(state, at, null);
    }

    private static MirrorHealth health(State state, Instant at, Instant lastSuccess) {
        return new MirrorHealth(state, null, 0, Duration.ZERO, lastSuccess, 0, 0, List.of(), Optional.empty(), at);
    }
}
