package shoptwin.mirror;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/**
 * How a mirror is set up ({@link MirrorService#builder()}, as {@link MirrorService.Builder}); {@link #build()}
 * opens nothing until {@link MirrorService#run()}. Its own file so that MirrorService is the loop alone.
 */
public interface MirrorSetup<B extends MirrorSetup<B>> {
    B database(Database database);

    /** MongoDB to mirror to; the service opens and closes its own client. */
    B mongo(MongoSettings settings);

    /** A client the caller owns (not closed by the service). */
    B mongoClient(MongoClient client, String databaseName);

    /** Changes read per batch (default 1,000). */
    B batchSize(int batchSize);

    /** How long the idle leader waits for a NOTIFY before it reads the change log anyway (default 1 s). */
    B pollInterval(Duration pollInterval);

    /** How often a standby tries to take the lead (default 1.5 s). */
    B standbyRetry(Duration standbyRetry);

    /** The first wait after a failure, doubling up to {@code max} (default 200 ms to 30 s). */
    B backoff(Duration min, Duration max);

    /** The name standbys show for this console (default: the host name). */
    B host(String host);

    /**
     * Which kind of process this is, recorded with the leader's row so that every console can say who keeps
     * the copy ("mirror service on shop-server"): the headless service says {@code SERVICE}; default {@code CONSOLE}.
     */
    B kind(MirrorHealth.Kind kind);

    /** How long a deleted row's tombstone is kept at least (default 7 days; see pruneTombstonesNowAndThen). */
    B tombstoneRetention(Duration retention);

    /**
     * Record every version of every row in {@code shoptwin_history} (default true). Off only to measure what
     * the history costs (the benchmark); the history then misses every change mirrored meanwhile.
     */
    B history(boolean record);

    /** How long old versions are kept (default 90 days, {@code SHOPTWIN_HISTORY_DAYS}); the latest version of every live row stays. */
    B historyRetention(Duration retention);

    /** How often the idle leader looks for changes journaled on the backup since it last did (default 5 s). */
    B journalReplayEvery(Duration every);

    /** Where the mirror's time comes from: backoff, fast polling, standby retries, health, heartbeats, pruning. */
    B clock(Clock clock);

    /**
     * How long a batch's MongoDB writes may take from the moment it took the write lock (default 10 s); when a
     * writer's session dies mid-batch, the next writer waits until its deadline has passed before it writes, so
     * that a leader that lost its PostgreSQL session cannot write after the new one began (docs/mirror.md).
     */
    B writeDeadline(java.time.Duration deadline);

    /**
     * True (the default, and the only setting for a real MongoDB): every write carries its version in its
     * filter, so that MongoDB itself refuses to regress a document. False keeps {@code _id}-only filters, for
     * benchmarks at scale on mongo-java-server, which scans the collection for such filters (docs/benchmarks.md).
     */
    B fencedWrites(boolean fenced);

    B listener(MirrorListener listener);

    MirrorService build();
}
