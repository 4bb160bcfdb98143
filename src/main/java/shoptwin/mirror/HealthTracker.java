package shoptwin.mirror;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.MirrorError;
import shoptwin.mirror.MirrorHealth.State;

/**
 * What the mirror knows about itself, published as immutable {@link MirrorHealth} snapshots to its
 * listeners: the change log's backlog figures (read from PostgreSQL at most every {@link #STATS_EVERY},
 * kept up to date in between from what each batch did), the last success, changes per minute and the
 * last few errors. Time comes from the mirror's clock. Used on the mirror thread; {@link #current()}
 * from any thread.
 */
final class HealthTracker {
    // the mirror's [DB Sync] lines come from one logger, whichever part of it writes them
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);
    static final Duration STATS_EVERY = Duration.ofSeconds(2);
    static final int MAX_RECENT_ERRORS = 10;

    /** Where the backlog figures come from: {@link ChangeLog#stats()}. */
    interface StatsSource {
        ChangeLog.Stats read() throws SQLException;
    }

    private final StatsSource source;
    private final Clock clock;
    private final UnaryOperator<String> mask;
    private final List<MirrorListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MirrorHealth health = MirrorHealth.stopped();
    private volatile boolean statsStale;
    private volatile Divergence divergence;

    // mirror-thread state
    private ChangeLog.Stats stats = new ChangeLog.Stats(0, null, 0);
    private Instant statsReadAt = Instant.EPOCH;
    private Instant lastSuccessAt;
    private final Deque<long[]> appliedCounts = new ArrayDeque<>();
    private final Deque<MirrorError> recentErrors = new ArrayDeque<>();

    HealthTracker(StatsSource source, Clock clock, UnaryOperator<String> mask, Collection<MirrorListener> listeners) {
        this.source = source;
        this.clock = clock;
        this.mask = mask;
        this.listeners.addAll(listeners);
    }

    void addListener(MirrorListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    void removeListener(MirrorListener listener) {
        listeners.remove(listener);
    }

    /** The latest snapshot; never blocks. */
    MirrorHealth current() {
        return health;
    }

    /** The figures changed behind the mirror's back (parked changes were retried): read them at the next chance. */
    void statsChanged() {
        statsStale = true;
    }

    boolean statsStale() {
        return statsStale;
    }

    /** Changes waiting in the change log, as last known. */
    long backlog() {
        return stats.pending();
    }

    /** Reads the backlog figures, unless they were read less than {@link #STATS_EVERY} ago and {@code force} is false. */
    void refreshStats(boolean force) {
        Instant now = clock.instant();
        // a clock set back counts at once rather than after the jump
        if (!force && !now.isBefore(statsReadAt) && now.isBefore(statsReadAt.plus(STATS_EVERY))) {
            return;
        }
        try {
            statsStale = false;
            stats = source.read();
            statsReadAt = now;
        } catch (SQLException e) {
            // health is best effort; the loop's own queries report the real failure
            log.debug("[DB Sync] reading backlog figures failed: {}", mask.apply(e.getMessage()));
        }
    }

    /** Why the mirror holds (null: it does not); part of every snapshot from now on. */
    void diverged(Divergence d) {
        divergence = d;
    }

    /** A read found the change log empty: no need to count it; the parked figure follows on the timer. */
    void changeLogEmpty() {
        stats = new ChangeLog.Stats(0, null, stats.parked());
    }

    /** A batch reached MongoDB and left the change log. */
    void batchApplied(Batches.Applied a) {
        Instant now = clock.instant();
        lastSuccessAt = now;
        appliedCounts.addLast(new long[] {now.toEpochMilli(), a.read()});
        long backlogAfter = Math.max(0, stats.pending() - a.read());
        stats = new ChangeLog.Stats(backlogAfter, stats.oldestPendingAt(), stats.parked() + a.parked().size());
        MirrorListener.BatchResult result = new MirrorListener.BatchResult(a.read(), a.written(), a.stale(), a.parked().size(),
                a.millis(), backlogAfter, a.acknowledged());
        notifyListeners(l -> l.batchApplied(result));
        if (!a.parked().isEmpty()) {
            a.parkErrors().forEach(this::error);
            List<ParkedChange> parked = a.parked();
            notifyListeners(l -> l.parked(parked));
        }
    }

    /** Something failed; {@code maskedMessage} is already masked. */
    void error(String maskedMessage) {
        synchronized (recentErrors) {
            recentErrors.addLast(new MirrorError(clock.instant(), maskedMessage));
            while (recentErrors.size() > MAX_RECENT_ERRORS) {
                recentErrors.removeFirst();
            }
        }
        notifyListeners(l -> l.error(maskedMessage));
    }

    /**
     * Takes a snapshot, makes it current, hands it to {@code beforeListeners} (the leader's heartbeat)
     * and then to the listeners.
     */
    MirrorHealth publish(State state, Instant nextAttemptAt, Optional<Leader> leader, Consumer<MirrorHealth> beforeListeners) {
        return publish(state, nextAttemptAt, leader, Optional.empty(), beforeListeners);
    }

    /** As above, with the table whose documents are being brought up to date after its columns changed. */
    MirrorHealth publish(State state, Instant nextAttemptAt, Optional<Leader> leader, Optional<MirrorHealth.CopyUpdate> copyUpdate,
                         Consumer<MirrorHealth> beforeListeners) {
        Instant now = clock.instant();
        Duration lag = stats.pending() == 0 || stats.oldestPendingAt() == null ? Duration.ZERO
                : Duration.between(stats.oldestPendingAt(), now);
        if (lag.isNegative()) {
            lag = Duration.ZERO;
        }
        List<MirrorError> errors;
        synchronized (recentErrors) {
            errors = List.copyOf(recentErrors);
        }
        MirrorHealth next = new MirrorHealth(state, nextAttemptAt, stats.pending(), lag, lastSuccessAt,
                changesPerMinute(now), stats.parked(), errors, leader, now, state == State.DIVERGED ? divergence : null, copyUpdate);
        health = next;
        beforeListeners.accept(next);
        notifyListeners(l -> l.healthChanged(next));
        return next;
    }

    private long changesPerMinute(Instant now) {
        long cutoff = now.minusSeconds(60).toEpochMilli();
        while (!appliedCounts.isEmpty() && appliedCounts.peekFirst()[0] < cutoff) {
            appliedCounts.removeFirst();
        }
        long sum = 0;
        for (long[] c : appliedCounts) {
            sum += c[1];
        }
        return sum;
    }

    private void notifyListeners(Consumer<MirrorListener> call) {
        for (MirrorListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("[DB Sync] A mirror listener failed: {}", mask.apply(String.valueOf(e.getMessage())), e);
            }
        }
    }
}
