package shoptwin.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What the mirror loop asks of the copy, batch by batch ({@link BatchApplier} in production; fakes in
 * the loop's unit tests).
 */
interface Batches {
    /** What one batch did; {@code read == 0}: the change log was empty. */
    /** {@code acknowledged}: the change-log rows the batch removed, counted by table and operation (for the metrics). */
    record Applied(int read, int written, int stale, long millis, List<ParkedChange> parked, List<String> parkErrors,
                   java.util.Map<shoptwin.store.copy.MirrorTable, java.util.Map<ChangeLogEntry.Op, Long>> acknowledged) {
        static final Applied NOTHING = new Applied(0, 0, 0, 0, List.of(), List.of());

        Applied(int read, int written, int stale, long millis, List<ParkedChange> parked, List<String> parkErrors) {
            this(read, written, stale, millis, parked, parkErrors, java.util.Map.of());
        }
    }

    /** This instance leads now; {@code session} holds the leader lock and takes the write lock for each batch. */
    void lead(Connection session) throws SQLException;

    /**
     * Reads the next batch, applies it to MongoDB, parks what MongoDB rejected, acknowledges the rest. Throws
     * {@link CopyDivergedException} (writing nothing) when Supabase and the copy no longer share one history.
     */
    Applied applyNext() throws SQLException;

    /**
     * Under the write lock: removes tombstones of rows deleted before {@code deletedBefore} that nothing can
     * need any more. A MongoDB failure is thrown (a {@link com.mongodb.MongoException}) and loses nothing.
     */
    void pruneTombstones(Instant deletedBefore) throws SQLException;

    /** A table whose documents are being brought up to date after its columns changed in Supabase. */
    default java.util.Optional<MirrorHealth.CopyUpdate> copyUpdate() {
        return java.util.Optional.empty();
    }

    /**
     * Removes history versions captured before {@code olderThan} but each row's starting point, for at most
     * {@code budget}; true when it got through them all. A MongoDB failure is thrown and loses nothing.
     */
    default boolean pruneHistory(Instant olderThan, java.time.Duration budget) throws SQLException {
        return true;
    }

    /** The collections of the batch in flight, for log lines ("customers, payments"). */
    String collections();

    /** The attempt failed: the batch read ahead is thrown away (its rows stay in the change log). */
    void failed();

    /** Leadership ends: forget everything that was true only while leading without interruption. */
    void stop();

    /** The mirror stops: release threads. */
    void close();
}
