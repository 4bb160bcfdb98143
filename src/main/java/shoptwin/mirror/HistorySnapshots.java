package shoptwin.mirror;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.HistoryCoverage;

/**
 * A resync's part in the history: each row it copies that has no version in the history yet gets a
 * {@code snapshot} version, the row as of the resync's snapshot, so that every row has a starting point.
 * When the resync finished and had to record any row (or the history had no start yet), the history is
 * complete from the snapshot's moment on ({@link HistoryCoverage}); earlier moments stay as they were.
 * Re-running a resync writes nothing twice (the snapshot's id is the row and the resync's position).
 */
final class HistorySnapshots {
    private static final int CHUNK = 1_000;

    private final MongoDatabase database;
    private final Instant at;
    private final List<Document> pending = new ArrayList<>(CHUNK);
    private Set<String> recorded = Set.of();
    private long written;
    private long refused;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Resync.class);

    HistorySnapshots(MongoDatabase database, Instant at) {
        this.database = database;
        this.at = at;
    }

    /** Before a table is copied: which of its rows the history knows (one read of their ids). */
    void table(MirrorTable table) {
        Set<String> ids = new HashSet<>();
        for (Document d : HistoryFormat.collection(database).find(Filters.eq(HistoryFormat.TABLE, table.collectionName()))
                .projection(Projections.include(HistoryFormat.ROW_ID)).batchSize(5_000)) {
            ids.add(d.getString(HistoryFormat.ROW_ID));
        }
        flush();
        recorded = ids;
    }

    /** A row the resync copies, as the copy will hold it, with the version ({@code _v}) it gets. */
    void offer(MirrorTable table, String id, Document document, long version) {
        if (recorded.contains(id)) {
            return;
        }
        pending.add(HistoryFormat.version(table, id, version, at, HistoryFormat.Op.SNAPSHOT, document, null, null, null));
        if (pending.size() >= CHUNK) {
            flush();
        }
    }

    /**
     * After the last table: writes what is left, and marks the history complete from the snapshot on if it now is
     * (the resync finished and every row it copied has a version).
     */
    void finish(boolean complete) {
        flush();
        if (complete && refused == 0 && (written > 0 || HistoryCoverage.completeSince(database).isEmpty())) {
            HistoryCoverage.notBefore(database, at);
        }
    }

    long written() {
        return written;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            HistoryFormat.collection(database).insertMany(pending, new InsertManyOptions().ordered(false));
            written += pending.size();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                throw e;
            }
            // a duplicate is this very snapshot from an earlier run; anything else leaves that row without a start
            e.getWriteErrors().stream().filter(w -> w.getCode() != 11000).forEach(w -> {
                refused++;
                log.warn("[DB Sync] Resync could not record a starting point in the history: MongoDB error {}: {}", w.getCode(),
                        w.getMessage());
            });
            written += pending.size() - e.getWriteErrors().size();
        }
        pending.clear();
    }
}
