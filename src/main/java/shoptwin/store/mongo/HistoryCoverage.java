package shoptwin.store.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import shoptwin.store.copy.HistoryFormat;

/**
 * Since when the history is complete: from that moment on, every row of the shop has a version at every
 * instant, so any moment since can be restored exactly ({@code restore --as-of}). It starts when a mirror
 * first leads over an empty copy whose rows all wait in the change log (a new shop), or when a resync gives
 * every row a starting point; it moves forward when old versions are pruned (they made earlier moments
 * restorable). Kept in the history's one bookkeeping document ({@link HistoryFormat#COVERAGE_ID}); every
 * move is one {@code $max} / {@code $setOnInsert}, so concurrent movers never move it back.
 */
public final class HistoryCoverage {
    private HistoryCoverage() {
    }

    /** The earliest moment that can be restored; empty while no complete starting point exists. */
    public static Optional<Instant> completeSince(MongoDatabase copy) {
        Document d = HistoryFormat.collection(copy).find(Filters.eq(HistoryFormat.ID, HistoryFormat.COVERAGE_ID)).first();
        return d == null || d.getDate(HistoryFormat.COMPLETE_SINCE) == null ? Optional.empty()
                : Optional.of(d.getDate(HistoryFormat.COMPLETE_SINCE).toInstant());
    }

    /** Complete since {@code at} unless a start was recorded already. */
    public static void startIfAbsent(MongoDatabase copy, Instant at) {
        HistoryFormat.collection(copy).updateOne(Filters.eq(HistoryFormat.ID, HistoryFormat.COVERAGE_ID),
                Updates.setOnInsert(HistoryFormat.COMPLETE_SINCE, Date.from(at)), new UpdateOptions().upsert(true));
    }

    /** Complete at the earliest since {@code at}: moves the start forward, never back (and starts it if absent). */
    public static void notBefore(MongoDatabase copy, Instant at) {
        HistoryFormat.collection(copy).updateOne(Filters.eq(HistoryFormat.ID, HistoryFormat.COVERAGE_ID),
                Updates.max(HistoryFormat.COMPLETE_SINCE, Date.from(at)), new UpdateOptions().upsert(true));
    }

    /** Moves the start forward if one was recorded; nothing otherwise (pruning: no start, nothing restorable yet). */
    public static void forwardIfPresent(MongoDatabase copy, Instant at) {
        // read first: a filter on more than _id scans the collection on mongo-java-server; $max keeps it one-way
        if (completeSince(copy).isPresent()) {
            notBefore(copy, at);
        }
    }
}
