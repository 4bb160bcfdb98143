package shoptwin.mirror;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.MongoSettings;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.mirror.journal.OutageReplay;
import shoptwin.store.mongo.MongoErrors;
import shoptwin.store.postgres.Database;

/**
 * Drains the change log into MongoDB: the one background service that keeps the copy exact.
 *
 * <p>Built with {@link #builder()}, run on a thread the caller owns ({@link #run()}), stopped with
 * {@link #close()}. This class is the loop of docs/mirror.md, "How it works"; its parts do the work:
 * {@link PostgresLeadership} (one leader per database: the advisory lock, {@code mirror_leader}, waking
 * up), {@link BatchApplier} (read a batch in id order, keep the last change per row, write what is newer
 * than the copy, park what MongoDB rejects for its own document's sake, and only then delete those
 * change-log rows) and {@link HealthTracker} (the published {@link MirrorHealth}). Failures are retried
 * with capped exponential backoff and jitter ({@link Backoff}); nothing is dropped. Every decision that
 * depends on time reads the builder's clock.
 */
public final class MirrorService implements Runnable, AutoCloseable, java.io.Closeable {
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);
    /** How often the log is read while changes keep coming, and for how long after the last one. */
    static final Duration FAST_POLL = Duration.ofMillis(2);
    static final Duration FAST_POLL_WINDOW = Duration.ofMillis(200);

    private final Leadership leadership;
    private final Batches batches;
    private final IdleChores chores;
    private final HealthTracker health;
    private final ChangeLog changeLog;
    private final MongoClient ownedClient;
    private final Backoff backoff;
    private final Clock clock;
    private final Pause pause;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration standbyRetry;
    private final Duration divergedRecheck;
    private final UnaryOperator<String> mask;
    private Divergence divergence; // mirror thread: why it holds, while it does

    private final CountDownLatch closeSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile boolean running;

    // mirror-thread state: when changes were last found, and when tombstones are next looked at
    private boolean foundLastTime;
    private Instant lastFoundAt = Instant.EPOCH;

    /** Waits between attempts; answers {@link #close()} at once. Replaced in the loop's unit tests. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** Assembled by {@link MirrorBuilder#build()}. */
    MirrorService(MirrorBuilder b, Leadership leadership, Batches batches, OutageReplay replay, HealthTracker health,
                  ChangeLog changeLog, MongoClient ownedClient, UnaryOperator<String> mask) {
        this.leadership = leadership;
        this.batches = batches;
        this.chores = new IdleChores(b, batches, replay, mask);
        this.health = health;
        this.changeLog = changeLog;
        this.ownedClient = ownedClient;
        this.mask = mask;
        this.clock = b.clock;
        this.backoff = new Backoff(b.backoffMin, b.backoffMax);
        this.pause = b.pause != null ? b.pause : d -> closeSignal.await(d.toMillis(), TimeUnit.MILLISECONDS);
        this.batchSize = b.batchSize;
        this.pollInterval = b.pollInterval;
        this.standbyRetry = b.standbyRetry;
        this.divergedRecheck = b.divergedRecheck;
    }

    public static Builder builder() {
        return new MirrorBuilder();
    }

    public void addListener(MirrorListener listener) {
        health.addListener(listener);
    }

    public void removeListener(MirrorListener listener) {
        health.removeListener(listener);
    }

    /** The latest snapshot; never blocks. */
    public MirrorHealth health() {
        return health.current();
    }

    /** Parked changes waiting for a retry (reads PostgreSQL). */
    public List<ParkedChange> parked(int limit) throws SQLException {
        return changeLog.parked(limit);
    }

    /** Moves parked changes (all when {@code ids} is empty) back into the change log. Returns how many. */
    public int retryParked(Collection<Long> ids) throws SQLException {
        int moved = changeLog.retryParked(ids);
        health.statsChanged();
        log.info("[DB Sync] {} parked change(s) returned to the change log for another attempt", moved);
        return moved;
    }

    /**
     * The mirror's health as seen from PostgreSQL, for a process that does not mirror itself
     * ({@code shoptwin status}): the leader's published state if a leader holds the lock (else
     * STOPPED: no console is mirroring), and the backlog figures.
     */
    public static MirrorHealth observe(Database database) throws SQLException {
        return PostgresLeadership.observe(database);
    }

    /** Mirrors until {@link #close()}. */
    @Override
    public void run() {
        enter();
        try {
            loop(false, null);
        } finally {
            leave();
        }
    }

    /**
     * Mirrors until the change log is empty, then returns true; returns false if that did not happen
     * within {@code giveUpAfter} (MongoDB or PostgreSQL unavailable, or another console leads), leaving
     * the backlog in place. For {@code shoptwin mirror --once}.
     */
    public boolean runUntilDrained(Duration giveUpAfter) {
        enter();
        try {
            return loop(true, clock.instant().plus(giveUpAfter));
        } finally {
            leave();
        }
    }

    private void enter() {
        if (running) {
            throw new IllegalStateException("the mirror is already running");
        }
        running = true;
    }

    private void leave() {
        try {
            stopLeading();
            batches.close();
        } finally {
            running = false;
            publish(State.STOPPED, null);
            finished.countDown();
        }
    }

    /** Stops: the batch in flight finishes (or stays in the change log), the locks are released. */
    @Override
    public void close() {
        stop();
        if (running) {
            try {
                if (!finished.await(30, TimeUnit.SECONDS)) {
                    log.warn("[DB Sync] The mirror did not stop within 30 s; its batch stays in the change log");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownedClient != null) {
            ownedClient.close();
        }
    }

    /** Asks the loop to stop at its next step, without waiting for it (close() waits). */
    void stop() {
        closed = true;
        closeSignal.countDown();
    }

    // ------------------------------------------------------------------ the loop

    private boolean loop(boolean untilDrained, Instant deadline) {
        while (!closed) {
            if (deadline != null && clock.instant().isAfter(deadline)) {
                return false;
            }
            try {
                if (!leadership.isLeading()) {
                    if (!leadership.tryToLead()) {
                        health.refreshStats(untilDrained);
                        publish(State.STANDBY, null);
                        if (untilDrained && leadership.leader().isPresent() && health.backlog() == 0) {
                            return true; // the leading console drained it
                        }
                        pause(standbyRetry);
                        continue;
                    }
                    batches.lead(leadership.session());
                    chores.leading();
                }
                chores.replayIfDue(); // the outage journal goes into Supabase before anything is mirrored
                Batches.Applied applied = batches.applyNext();
                backoff.succeeded();
                resolved();
                if (applied.read() > 0) {
                    health.batchApplied(applied);
                    changesFound(untilDrained);
                    health.refreshStats(false);
                    publish(applied.read() >= batchSize || health.backlog() > batchSize ? State.CATCHING_UP : State.RUNNING, null);
                    continue;
                }
                // empty as of this read, so no need to count it; the parked figure follows on the timer
                // (at once after a retry through this service, and when draining for --once)
                health.changeLogEmpty();
                if (untilDrained) {
                    health.refreshStats(true);
                    publish(State.RUNNING, null);
                    return true;
                }
                if (leadership.polling()) {
                    pollOrGoBackToWaiting();
                    continue;
                }
                foundLastTime = false;
                health.refreshStats(health.statsStale());
                publish(State.RUNNING, null);
                chores.whileIdle();
                leadership.awaitChange(pollInterval, () -> closed);
            } catch (CopyDivergedException d) {
                diverged(d.divergence());
            } catch (SQLException | RuntimeException e) {
                failed(e);
            }
        }
        return false;
    }

    /**
     * Supabase and the copy no longer share one history: write nothing, say so once (and on every snapshot),
     * and look again now and then: a person resolves it with a recover or a rebase, perhaps from elsewhere.
     */
    private void diverged(Divergence d) {
        batches.failed();
        backoff.succeeded();
        if (divergence == null || divergence.kind() != d.kind()) {
            log.warn("[DB Sync] {} {}", d.sentence(), d.waysOut());
            health.error(d.sentence());
            divergence = d;
        }
        health.diverged(divergence);
        health.refreshStats(false);
        publish(State.DIVERGED, null);
        pause(divergedRecheck);
    }

    private void resolved() {
        if (divergence != null) {
            log.info("[DB Sync] The backup and Supabase share one history again: mirroring resumes");
            divergence = null;
            health.diverged(null);
        }
    }

    /** Two reads in a row found changes: they keep coming, so poll for them and spare the writers NOTIFY's commit lock. */
    private void changesFound(boolean untilDrained) throws SQLException {
        lastFoundAt = clock.instant();
        if (foundLastTime && !leadership.polling() && !untilDrained) {
            leadership.wakeByNotify(false);
        }
        foundLastTime = true;
    }

    /** Polling and the log is empty: read again shortly, unless the last change is a while ago. */
    private void pollOrGoBackToWaiting() throws SQLException {
        Instant now = clock.instant();
        // a clock set back ends the window (waiting for NOTIFY is always safe) instead of stretching it
        if (!now.isBefore(lastFoundAt) && now.isBefore(lastFoundAt.plus(FAST_POLL_WINDOW))) {
            if (health.current().state() != State.RUNNING || health.current().backlog() != 0) {
                publish(State.RUNNING, null);
            }
            pause(FAST_POLL);
            return;
        }
        // writers notify again from now on; a change committed while they did not is read by the next
        // pass, which comes before the wait
        leadership.wakeByNotify(true);
    }

    private void failed(Exception e) {
        batches.failed();
        boolean postgres = e instanceof SQLException;
        String reason = mask(MongoErrors.describe(e));
        if (postgres) {
            log.warn("[DB Sync] Error reading the change log from PostgreSQL: {}", reason);
            stopLeading(); // the session may be gone: reconnect and take the lock again
        } else {
            log.warn("[DB Sync] Error syncing {} to MongoDB: {}", batches.collections(), reason);
        }
        if (!(e instanceof MongoException) && !postgres) {
            log.warn("[DB Sync] Unexpected failure (the batch stays in the change log)", e);
        }
        health.error((postgres ? "PostgreSQL: " : "MongoDB: ") + reason);
        Duration delay = backoff.failed();
        if (!postgres) {
            health.refreshStats(false);
        }
        publish(State.RETRYING, clock.instant().plus(delay));
        pause(delay);
    }

    private void stopLeading() {
        foundLastTime = false;
        batches.stop();
        leadership.release();
    }

    private void publish(State state, Instant nextAttemptAt) {
        boolean stopped = state == State.STOPPED;
        health.publish(state, nextAttemptAt, stopped ? Optional.empty() : leadership.leader(),
                stopped ? Optional.empty() : batches.copyUpdate(), leadership::heartbeat);
    }

    private void pause(Duration duration) {
        try {
            pause.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private String mask(String text) {
        return mask.apply(text);
    }

    /** How a mirror is set up: {@link MirrorSetup}. */
    public interface Builder extends MirrorSetup<Builder> {
    }
}
