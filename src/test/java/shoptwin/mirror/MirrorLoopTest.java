package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.testing.TestClock;

/**
 * The mirror loop's decisions in time, without PostgreSQL or MongoDB: standby retries, fast polling and
 * its window, backoff, tombstone pruning. The parts are fakes that follow a script; the loop runs on the
 * test's thread and waits by moving a test clock, so an hour of idling takes no time at all.
 */
class MirrorLoopTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Leader OTHER = new Leader("till-2", 4242, T0.minusSeconds(600), false);

    private final TestClock clock = new TestClock(T0);
    private final FakeLeadership leadership = new FakeLeadership();
    private final ScriptedBatches batches = new ScriptedBatches();
    private final FakeReplay replay = new FakeReplay();
    private final List<String> events = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final List<MirrorHealth> published = new CopyOnWriteArrayList<>();
    private final Deque<Long> backlogs = new ArrayDeque<>();
    private MirrorService mirror;

    private MirrorBuilder builder() {
        return new MirrorBuilder().clock(clock)
                .replay(replay)
                .parts(leadership, batches, () -> new ChangeLog.Stats(backlogs.size() > 1 ? backlogs.poll() : backlogs.isEmpty() ? 0 : backlogs.peek(), null, 0))
                .pause(d -> {
                    pauses.add(d);
                    clock.advance(d);
                })
                .listener(new MirrorListener() {
                    @Override
                    public void healthChanged(MirrorHealth health) {
                        published.add(health);
                    }
                });
    }

    private void run(MirrorBuilder builder) {
        mirror = builder.build();
        mirror.run();
    }

    // ------------------------------------------------------------------ standby

    @Test
    void aStandbyTriesToLeadEveryStandbyRetryAndTakesOverWhenTheLockIsFree() {
        leadership.other = Optional.of(OTHER);
        leadership.lockFree.addAll(List.of(false, false, false));
        run(builder().standbyRetry(Duration.ofMillis(1_500)));

        assertThat(pauses).containsExactly(Duration.ofMillis(1_500), Duration.ofMillis(1_500), Duration.ofMillis(1_500));
        assertThat(published).filteredOn(h -> h.state() == State.STANDBY).hasSize(3)
                .allMatch(h -> h.leader().equals(Optional.of(OTHER)));
        assertThat(batches.ledAt).as("took over once, after three retries").containsExactly(T0.plusMillis(4_500));
        assertThat(published.get(published.size() - 1).state()).isEqualTo(State.STOPPED);
    }

    @Test
    void drainingOnceAsAStandbyEndsWhenTheLeadingConsoleHasEmptiedTheLog() {
        leadership.other = Optional.of(OTHER);
        leadership.lockFree.addAll(List.of(false, false, false, false, false));
        backlogs.addAll(List.of(30L, 12L, 0L));
        mirror = builder().standbyRetry(Duration.ofSeconds(1)).build();

        assertThat(mirror.runUntilDrained(Duration.ofSeconds(30))).isTrue();
        assertThat(pauses).hasSize(2);
        assertThat(batches.ledAt).as("it never led").isEmpty();
    }

    @Test
    void drainingOnceGivesUpAtItsDeadlineAndLeavesTheBacklog() {
        leadership.other = Optional.of(OTHER);
        for (int i = 0; i < 100; i++) {
            leadership.lockFree.add(false);
        }
        backlogs.add(30L);
        mirror = builder().standbyRetry(Duration.ofMillis(1_500)).build();

        assertThat(mirror.runUntilDrained(Duration.ofSeconds(10))).isFalse();
        assertThat(clock.instant()).isAfter(T0.plusSeconds(10)).isBefore(T0.plusSeconds(12));
        assertThat(batches.ledAt).isEmpty();
    }

    // ------------------------------------------------------------------ fast polling

    @Test
    void twoReadsInARowWithChangesSwitchToPollingEvery2msUntil200msAfterTheLastChange() {
        batches.script(5, 5);
        batches.emptyWhenDone = true;
        leadership.stopAfterWaits = 1;
        run(builder());

        assertThat(leadership.notifyCalls).containsExactly(false, true);
        assertThat(leadership.notifyCallsAt.get(0)).as("after the second read with changes").isEqualTo(T0);
        assertThat(pauses).as("the log was read every 2 ms while polling").isNotEmpty().allMatch(d -> d.equals(MirrorService.FAST_POLL));
        assertThat(leadership.notifyCallsAt.get(1)).as("back to NOTIFY once 200 ms passed without a change")
                .isEqualTo(T0.plus(MirrorService.FAST_POLL_WINDOW));
        assertThat(leadership.waits).as("then it waits for a notification again").isEqualTo(1);
    }

    @Test
    void aChangeFoundWhilePollingKeepsTheWindowOpen() {
        batches.script(5, 5, 0, 0, 0, 5);
        batches.emptyWhenDone = true;
        leadership.stopAfterWaits = 1;
        run(builder());

        assertThat(leadership.notifyCalls).containsExactly(false, true);
        assertThat(leadership.notifyCallsAt.get(1)).isEqualTo(T0.plus(MirrorService.FAST_POLL.multipliedBy(3))
                .plus(MirrorService.FAST_POLL_WINDOW));
    }

    @Test
    void aClockSetBackWhilePollingEndsThePollingInsteadOfStretchingIt() {
        batches.script(5, 5, 0);
        batches.emptyWhenDone = true;
        batches.onApply = n -> {
            if (n == 3) {
                clock.advance(Duration.ofHours(-1)); // the machine's time is corrected by an hour
            }
        };
        leadership.stopAfterWaits = 1;
        run(builder());

        assertThat(leadership.notifyCalls).containsExactly(false, true);
        assertThat(pauses).as("no hour of reads every 2 ms").isEmpty();
    }

    @Test
    void oneReadWithChangesLeavesTheWritersNotifying() {
        batches.script(5);
        batches.emptyWhenDone = true;
        leadership.stopAfterWaits = 2;
        run(builder());

        assertThat(leadership.notifyCalls).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void drainingOnceNeverTellsWritersToStopNotifying() {
        batches.script(5, 5, 5, 0);
        mirror = builder().build();

        assertThat(mirror.runUntilDrained(Duration.ofSeconds(30))).isTrue();
        assertThat(leadership.notifyCalls).isEmpty();
    }

    // ------------------------------------------------------------------ failures

    @Test
    void failuresAreRetriedAfterAGrowingBackoffThatStartsOverAfterASuccess() {
        batches.script(mongoDown(), mongoDown(), mongoDown(), 3, mongoDown());
        run(builder().backoff(Duration.ofMillis(100), Duration.ofMillis(250)));

        assertThat(pauses).hasSize(4);
        assertThat(pauses.get(0).toMillis()).isBetween(50L, 100L);
        assertThat(pauses.get(1).toMillis()).isBetween(100L, 200L);
        assertThat(pauses.get(2).toMillis()).as("capped").isBetween(125L, 250L);
        assertThat(pauses.get(3).toMillis()).as("after a success").isBetween(50L, 100L);
        List<MirrorHealth> retrying = published.stream().filter(h -> h.state() == State.RETRYING).toList();
        assertThat(retrying).hasSize(4);
        for (int i = 0; i < 4; i++) {
            MirrorHealth h = retrying.get(i);
            assertThat(Duration.between(h.updatedAt(), h.nextAttemptAt())).as("health says when the next attempt is").isEqualTo(pauses.get(i));
            assertThat(h.recentErrors().get(h.recentErrors().size() - 1).message()).startsWith("MongoDB: ");
        }
        assertThat(batches.ledAt).as("a MongoDB failure keeps the leadership").hasSize(1);
        assertThat(batches.failures).isEqualTo(4);
    }

    @Test
    void aPostgresFailureGivesUpTheSessionAndLeadsAgainAfterTheBackoff() {
        batches.script(new SQLException("terminating connection due to administrator command"), 2);
        run(builder().backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));

        assertThat(leadership.releases).as("after the failure, and at the end").isEqualTo(2);
        assertThat(batches.ledAt).hasSize(2);
        assertThat(batches.ledAt.get(1)).isEqualTo(T0.plus(pauses.get(0)));
        assertThat(published).filteredOn(h -> h.state() == State.RETRYING).singleElement()
                .satisfies(h -> assertThat(h.recentErrors().get(0).message()).startsWith("PostgreSQL: "));
    }

    // ------------------------------------------------------------------ tombstones

    @Test
    void theIdleLeaderLooksForOldTombstonesAtMostHourly() {
        batches.emptyWhenDone = true;
        leadership.advanceOnWait = Duration.ofMinutes(20);
        leadership.stopAfterWaits = 10; // idle passes at 0, 20, ... 180 minutes
        run(builder());

        Duration week = Duration.ofDays(7);
        assertThat(batches.prunedBefore).containsExactly(T0.minus(week), T0.plusSeconds(3_600).minus(week),
                T0.plusSeconds(7_200).minus(week), T0.plusSeconds(10_800).minus(week));
    }

    @Test
    void aRetentionShorterThanAnHourIsAlsoHowOftenTombstonesArePruned() {
        batches.emptyWhenDone = true;
        leadership.advanceOnWait = Duration.ofMinutes(5);
        leadership.stopAfterWaits = 6; // 0 ... 25 minutes
        run(builder().tombstoneRetention(Duration.ofMinutes(10)));

        assertThat(batches.prunedBefore).containsExactly(T0.minusSeconds(600), T0, T0.plusSeconds(600));
    }

    @Test
    void aFailedPruneIsOnlyLoggedAndTriedAgainAnHourLater() {
        batches.emptyWhenDone = true;
        batches.pruneFailures = 1;
        leadership.advanceOnWait = Duration.ofMinutes(30);
        leadership.stopAfterWaits = 3; // 0, 30, 60 minutes
        run(builder());

        assertThat(batches.prunedBefore).hasSize(2);
        assertThat(published).noneMatch(h -> h.state() == State.RETRYING);
        assertThat(pauses).isEmpty();
    }

    @Test
    void noTombstonesArePrunedWhileChangesKeepComing() {
        batches.script(5, 5, 5, 5);
        run(builder());

        assertThat(batches.prunedBefore).isEmpty();
    }

    // ------------------------------------------------------------------ the outage journal

    @Test
    void afterTakingTheLeadTheJournalIsReplayedBeforeTheFirstBatch() {
        leadership.other = Optional.of(OTHER);
        leadership.lockFree.addAll(List.of(false, true));
        batches.script(3);
        run(builder().standbyRetry(Duration.ofSeconds(1)));

        assertThat(events).startsWith("replay", "batch");
        assertThat(replay.replayedAt.get(0)).as("right after taking the lead").isEqualTo(batches.ledAt.get(0));
    }

    @Test
    void aFailedReplayGoesThroughTheBackoffAndIsTriedAgainBeforeAnyBatchIsMirrored() {
        replay.failures.add(mongoDown());
        replay.failures.add(new SQLException("Supabase went away again"));
        batches.script(3);
        run(builder().backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));

        assertThat(events).startsWith("replay failed", "replay failed", "replay", "batch");
        assertThat(pauses).hasSize(2);
        assertThat(batches.ledAt).as("a PostgreSQL failure gives up the session and leads again").hasSize(2);
        assertThat(published).filteredOn(h -> h.state() == State.RETRYING).hasSize(2);
    }

    @Test
    void theIdleLeaderLooksAtTheJournalEveryFewSecondsAndPrunesItAtMostHourly() {
        batches.emptyWhenDone = true;
        leadership.advanceOnWait = Duration.ofSeconds(2);
        leadership.stopAfterWaits = 7; // idle passes at 0, 2, ... 12 s
        run(builder().journalReplayEvery(Duration.ofSeconds(5)));

        assertThat(replay.replayedAt).containsExactly(T0, T0.plusSeconds(6), T0.plusSeconds(12));
        assertThat(replay.prunedBefore).containsExactly(T0.minus(Duration.ofDays(30)));
    }

    // ------------------------------------------------------------------ fakes

    /** Replays as scripted: failures first, then nothing to do. */
    private final class FakeReplay implements shoptwin.mirror.journal.OutageReplay {
        final Deque<Exception> failures = new ArrayDeque<>();
        final List<Instant> replayedAt = new ArrayList<>();
        final List<Instant> prunedBefore = new ArrayList<>();

        @Override
        public shoptwin.mirror.journal.ReplayReport replay() throws SQLException {
            Exception failure = failures.poll();
            if (failure != null) {
                events.add("replay failed");
                if (failure instanceof SQLException e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }
            events.add("replay");
            replayedAt.add(clock.instant());
            return shoptwin.mirror.journal.ReplayReport.NOTHING;
        }

        @Override
        public int prune(Instant before) {
            prunedBefore.add(before);
            return 0;
        }
    }

    private static MongoSocketException mongoDown() {
        return new MongoSocketException("connection refused", new ServerAddress("127.0.0.1", 1));
    }

    /** Leads as scripted; records what the loop told writers and how often it waited for them. */
    private final class FakeLeadership implements Leadership {
        final Deque<Boolean> lockFree = new ArrayDeque<>();
        Optional<Leader> other = Optional.empty();
        final List<Boolean> notifyCalls = new ArrayList<>();
        final List<Instant> notifyCallsAt = new ArrayList<>();
        Duration advanceOnWait = Duration.ZERO;
        int stopAfterWaits = Integer.MAX_VALUE;
        int waits;
        int releases;
        private boolean leading;
        private boolean polling;

        @Override
        public boolean isLeading() {
            return leading;
        }

        @Override
        public boolean tryToLead() {
            leading = lockFree.isEmpty() || lockFree.poll();
            return leading;
        }

        @Override
        public Connection session() {
            return null;
        }

        @Override
        public Optional<Leader> leader() {
            return leading ? Optional.of(new Leader("till-1", 1, T0, true)) : other;
        }

        @Override
        public void wakeByNotify(boolean notify) {
            notifyCalls.add(notify);
            notifyCallsAt.add(clock.instant());
            polling = !notify;
        }

        @Override
        public boolean polling() {
            return polling;
        }

        @Override
        public void awaitChange(Duration atMost, BooleanSupplier stop) {
            clock.advance(advanceOnWait);
            if (++waits >= stopAfterWaits) {
                mirror.stop();
            }
        }

        @Override
        public void heartbeat(MirrorHealth health) {
        }

        @Override
        public void release() {
            releases++;
            leading = false;
            polling = false;
        }
    }

    /**
     * Batches as scripted: a number of changes read (0: the log is empty) or a failure. Then the log stays
     * empty ({@code emptyWhenDone}) or one last change comes and the mirror stops.
     */
    private final class ScriptedBatches implements Batches {
        private final Deque<Object> steps = new ArrayDeque<>();
        boolean emptyWhenDone;
        int pruneFailures;
        int failures;
        int applies;
        java.util.function.IntConsumer onApply = n -> { };
        final List<Instant> ledAt = new ArrayList<>();
        final List<Instant> prunedBefore = new ArrayList<>();

        void script(Object... steps) {
            this.steps.addAll(List.of(steps));
        }

        @Override
        public void lead(Connection session) {
            ledAt.add(clock.instant());
        }

        @Override
        public Applied applyNext() throws SQLException {
            events.add("batch");
            onApply.accept(++applies);
            Object step = steps.poll();
            if (step == null) {
                if (emptyWhenDone) {
                    return Applied.NOTHING;
                }
                mirror.stop(); // ends the loop without passing through the idle branch
                return new Applied(1, 1, 0, 1, List.of(), List.of());
            }
            if (step instanceof SQLException e) {
                throw e;
            }
            if (step instanceof RuntimeException e) {
                throw e;
            }
            int n = (Integer) step;
            return n == 0 ? Applied.NOTHING : new Applied(n, n, 0, 1, List.of(), List.of());
        }

        @Override
        public void pruneTombstones(Instant deletedBefore) {
            prunedBefore.add(deletedBefore);
            if (pruneFailures-- > 0) {
                throw mongoDown();
            }
        }

        @Override
        public String collections() {
            return "customers";
        }

        @Override
        public void failed() {
            failures++;
        }

        @Override
        public void stop() {
        }

        @Override
        public void close() {
        }
    }
}
