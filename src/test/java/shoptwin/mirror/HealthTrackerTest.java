package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.testing.TestClock;

/** The health the mirror publishes, with a clock that only moves when the test says so and no database. */
class HealthTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private final TestClock clock = new TestClock(T0);
    private ChangeLog.Stats figures = new ChangeLog.Stats(0, null, 0);
    private int reads;
    private boolean postgresDown;
    private final List<MirrorListener.BatchResult> batches = new ArrayList<>();
    private final HealthTracker health = new HealthTracker(() -> {
        reads++;
        if (postgresDown) {
            throw new SQLException("connection refused");
        }
        return figures;
    }, clock, s -> s, List.of(new MirrorListener() {
        @Override
        public void batchApplied(BatchResult result) {
            batches.add(result);
        }
    }));

    @Test
    void theBacklogIsCountedAtMostEveryTwoSecondsUnlessForced() {
        health.refreshStats(false);
        assertThat(reads).as("never read before").isEqualTo(1);
        clock.advance(Duration.ofMillis(1_999));
        health.refreshStats(false);
        assertThat(reads).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        health.refreshStats(false);
        assertThat(reads).isEqualTo(2);
        health.refreshStats(true);
        assertThat(reads).as("forced").isEqualTo(3);
    }

    @Test
    void aClockSetBackCountsAtOnce() {
        health.refreshStats(false);
        clock.advance(Duration.ofHours(-1));
        health.refreshStats(false);
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void betweenCountsEachBatchCountsTheBacklogDown() {
        figures = new ChangeLog.Stats(1_000, T0.minusSeconds(90), 2);
        health.refreshStats(true);
        health.batchApplied(applied(300));
        assertThat(health.backlog()).isEqualTo(700);
        assertThat(batches).singleElement().extracting(MirrorListener.BatchResult::backlogAfter).isEqualTo(700L);
        health.batchApplied(applied(900));
        assertThat(health.backlog()).as("never below zero").isZero();
        health.changeLogEmpty();
        MirrorHealth h = publish(State.RUNNING);
        assertThat(h.backlog()).isZero();
        assertThat(h.parkedCount()).as("the parked figure follows on the timer").isEqualTo(2);
    }

    @Test
    void lagIsTheAgeOfTheOldestPendingChange() {
        figures = new ChangeLog.Stats(3, T0.minusSeconds(90), 0);
        health.refreshStats(true);
        clock.advance(Duration.ofSeconds(10));
        assertThat(publish(State.CATCHING_UP).lag()).isEqualTo(Duration.ofSeconds(100));
        figures = new ChangeLog.Stats(3, T0.plusSeconds(60), 0); // another machine's clock runs ahead
        health.refreshStats(true);
        assertThat(publish(State.CATCHING_UP).lag()).isZero();
    }

    @Test
    void changesPerMinuteCountOnlyTheLastMinute() {
        health.batchApplied(applied(100));
        clock.advance(Duration.ofSeconds(30));
        health.batchApplied(applied(50));
        clock.advance(Duration.ofSeconds(15));
        assertThat(publish(State.RUNNING).changesPerMinute()).isEqualTo(150);
        clock.advance(Duration.ofSeconds(16));
        MirrorHealth later = publish(State.RUNNING);
        assertThat(later.changesPerMinute()).isEqualTo(50);
        assertThat(later.lastSuccessAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(later.updatedAt()).isEqualTo(T0.plusSeconds(61));
    }

    @Test
    void theLastTenErrorsAreKeptWithTheirTimes() {
        for (int i = 1; i <= 12; i++) {
            clock.advance(Duration.ofSeconds(1));
            health.error("MongoDB: failure " + i);
        }
        MirrorHealth h = publish(State.RETRYING);
        assertThat(h.recentErrors()).hasSize(10);
        assertThat(h.recentErrors().get(0).message()).isEqualTo("MongoDB: failure 3");
        assertThat(h.recentErrors().get(9).at()).isEqualTo(T0.plusSeconds(12));
    }

    @Test
    void aFailedCountKeepsTheLastFiguresAndIsTriedAgainAtTheNextChance() {
        figures = new ChangeLog.Stats(42, T0, 1);
        health.refreshStats(true);
        postgresDown = true;
        clock.advance(Duration.ofSeconds(5));
        health.refreshStats(false);
        assertThat(publish(State.RETRYING).backlog()).isEqualTo(42);
        health.refreshStats(false);
        assertThat(reads).as("not paced after a failure").isEqualTo(3);
    }

    @Test
    void aRetryOfParkedChangesMakesTheNextCountDue() {
        health.refreshStats(true);
        assertThat(health.statsStale()).isFalse();
        health.statsChanged();
        assertThat(health.statsStale()).isTrue();
        health.refreshStats(health.statsStale());
        assertThat(reads).isEqualTo(2);
        assertThat(health.statsStale()).isFalse();
    }

    private MirrorHealth publish(State state) {
        return health.publish(state, null, Optional.empty(), h -> { });
    }

    private static Batches.Applied applied(int n) {
        return new Batches.Applied(n, n, 0, 5, List.of(), List.of());
    }
}
