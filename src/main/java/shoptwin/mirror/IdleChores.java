package shoptwin.mirror;

import com.mongodb.MongoException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.mirror.journal.OutageReplay;
import shoptwin.store.mongo.MongoErrors;

/**
 * What the leader does besides mirroring, each on its own timer from the mirror's clock: the outage
 * journal's replay (at once on taking the lead, before any batch, then now and then while idle), and
 * while idle the pruning of tombstones, of old history versions and of applied journal entries. A
 * MongoDB failure while pruning is logged and tried again next time (it loses nothing still kept); a
 * failed replay is thrown into the loop's backoff, its entries stay pending. Mirror thread only.
 */
final class IdleChores {
    private static final Logger log = LoggerFactory.getLogger(IdleChores.class);
    /** The idle leader looks for tombstones to prune at most this often (or as often as the retention, if shorter). */
    static final Duration PRUNE_AT_MOST_EVERY = Duration.ofHours(1);
    /** The idle leader looks for history versions past the retention this often; an unfinished pass goes on sooner. */
    static final Duration HISTORY_PRUNE_EVERY = Duration.ofHours(6);
    static final Duration HISTORY_PRUNE_AGAIN = Duration.ofMinutes(1);
    /** How long one pass of history pruning may hold the idle loop (changes that arrive meanwhile wait that long). */
    static final Duration HISTORY_PRUNE_BUDGET = Duration.ofSeconds(1);
    /** Applied entries of the outage journal are kept this long as a record (docs/outage.md). */
    static final Duration JOURNAL_KEPT_FOR = Duration.ofDays(30);

    private final Batches batches;
    private final OutageReplay replay;
    private final Clock clock;
    private final UnaryOperator<String> mask;
    private final Duration tombstoneRetention;
    private final Duration pruneEvery;
    private final Duration historyRetention;
    private final Duration replayEvery;

    private Instant nextPruneAt = Instant.EPOCH;
    private Instant nextHistoryPruneAt = Instant.EPOCH;
    private boolean replayDue;
    private Instant nextReplayAt = Instant.EPOCH;
    private Instant nextJournalPruneAt = Instant.EPOCH;

    IdleChores(MirrorBuilder b, Batches batches, OutageReplay replay, UnaryOperator<String> mask) {
        this.batches = batches;
        this.replay = replay;
        this.clock = b.clock;
        this.mask = mask;
        this.tombstoneRetention = b.tombstoneRetention;
        this.pruneEvery = b.tombstoneRetention.compareTo(PRUNE_AT_MOST_EVERY) < 0 ? b.tombstoneRetention
                : PRUNE_AT_MOST_EVERY;
        this.historyRetention = b.historyRetention;
        this.replayEvery = b.journalReplayEvery;
    }

    /** This process just took the lead: the journal is replayed before its first batch. */
    void leading() {
        replayDue = true;
    }

    /** Changes made on the backup during an outage go into Supabase before anything is mirrored. */
    void replayIfDue() throws SQLException {
        if (replayDue) {
            replay.replay();
            replayDue = false;
            nextReplayAt = clock.instant().plus(replayEvery);
        }
    }

    /** The leader found the change log empty and is about to wait for changes. */
    void whileIdle() throws SQLException {
        pruneTombstonesNowAndThen();
        pruneHistoryNowAndThen();
        journalNowAndThen();
    }

    /**
     * At most once per {@link #pruneEvery}: drops tombstones older than the retention that no change still
     * to be applied is older than.
     */
    private void pruneTombstonesNowAndThen() throws SQLException {
        Instant now = clock.instant();
        if (now.isBefore(nextPruneAt)) {
            return;
        }
        nextPruneAt = now.plus(pruneEvery);
        try {
            batches.pruneTombstones(now.minus(tombstoneRetention));
        } catch (MongoException e) {
            log.warn("[DB Sync] Could not remove old tombstones (next try in {}): {}", pruneEvery, mask.apply(MongoErrors.describe(e)));
        }
    }

    /**
     * Every {@link #HISTORY_PRUNE_EVERY}: removes history versions older than the retention but
     * each row's starting point, for at most {@link #HISTORY_PRUNE_BUDGET} a pass (an unfinished
     * pass goes on a minute later).
     */
    private void pruneHistoryNowAndThen() throws SQLException {
        Instant now = clock.instant();
        if (now.isBefore(nextHistoryPruneAt)) {
            return;
        }
        nextHistoryPruneAt = now.plus(HISTORY_PRUNE_EVERY);
        try {
            if (!batches.pruneHistory(now.minus(historyRetention), HISTORY_PRUNE_BUDGET)) {
                nextHistoryPruneAt = now.plus(HISTORY_PRUNE_AGAIN);
            }
        } catch (MongoException e) {
            log.warn("[DB Sync] Could not remove old history versions (next try in {}): {}", HISTORY_PRUNE_EVERY,
                    mask.apply(MongoErrors.describe(e)));
        }
    }

    /**
     * Entries journaled since (a console still on the backup while Supabase is back) are replayed every
     * {@link #replayEvery}; applied entries older than {@link #JOURNAL_KEPT_FOR} are pruned at
     * most hourly.
     */
    private void journalNowAndThen() throws SQLException {
        Instant now = clock.instant();
        if (!now.isBefore(nextReplayAt) || now.isBefore(nextReplayAt.minus(replayEvery))) {
            nextReplayAt = now.plus(replayEvery);
            replayDue = true;
            replay.replay();
            replayDue = false;
        }
        if (!now.isBefore(nextJournalPruneAt)) {
            nextJournalPruneAt = now.plus(PRUNE_AT_MOST_EVERY);
            replay.prune(now.minus(JOURNAL_KEPT_FOR));
        }
    }
}
