package shoptwin.mirror;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.mongo.HistoryCoverage;

/**
 * Removes versions older than the retention ({@code SHOPTWIN_HISTORY_DAYS}, default 90), run by the idle
 * leader now and then, paced: each pass stops after a time budget and the next one continues where it
 * stopped. Of each row's versions older than the cut-off, the newest stays unless it is a delete: that is
 * the row as it was at the cut-off, the starting point from which every later moment is restorable (and,
 * for a row never changed since, its latest version). Before deleting anything the history's start moves to
 * the cut-off ({@link HistoryCoverage}): moments before it are no longer restorable exactly.
 *
 * <p>Reads with a filter on {@code changed_at} sorted by {@code _id}, so that each row's versions come
 * together (a row's ids share their prefix): on a real MongoDB an index walk; mongo-java-server scans and
 * sorts the collection for it (STACK.md), which is why this is off the hot path. Deletes go by {@code _id}.
 */
final class HistoryPruning {
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);
    static final int DEFAULT_DAYS = 90;
    static final int DELETE_CHUNK = 500;

    private final MongoDatabase database;
    private final Clock clock;
    /** Where an unfinished pass stopped: the last id of the last row it finished; null to start at the beginning. */
    private String resumeAfter;

    HistoryPruning(MongoDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * One pass over the versions captured before {@code cutoff}; returns true when it reached the end, false when
     * it stopped after {@code budget} (the next pass continues after the last row it finished).
     */
    boolean prune(Instant cutoff, Duration budget) {
        HistoryCoverage.forwardIfPresent(database, cutoff);
        long deadline = clock.millis() + budget.toMillis();
        Bson old = Filters.lt(HistoryFormat.CHANGED_AT, Date.from(cutoff));
        Bson filter = resumeAfter == null ? old : Filters.and(Filters.gt(HistoryFormat.ID, resumeAfter), old);
        List<String> doomed = new ArrayList<>();
        long removed = 0;
        Group group = null;
        boolean finished = true;
        try (MongoCursor<Document> cursor = HistoryFormat.collection(database).find(filter)
                .projection(Projections.include(HistoryFormat.ID, HistoryFormat.OP)).sort(Sorts.ascending(HistoryFormat.ID))
                .batchSize(1_000).iterator()) {
            while (cursor.hasNext()) {
                Document d = cursor.next();
                String id = String.valueOf(d.get(HistoryFormat.ID));
                HistoryFormat.Key key = HistoryFormat.parse(id).orElse(null);
                if (key == null) {
                    continue; // not a version
                }
                if (group != null && !group.row.equals(key.row())) {
                    group.condemn(doomed);
                    resumeAfter = group.lastId;
                    removed += deleteFull(doomed, false);
                    if (clock.millis() > deadline) {
                        finished = false;
                        group = null;
                        break;
                    }
                    group = null;
                }
                if (group == null) {
                    group = new Group(key.row());
                }
                group.add(id, key, d.getString(HistoryFormat.OP));
            }
        }
        if (group != null) {
            group.condemn(doomed);
        }
        removed += deleteFull(doomed, true);
        resumeAfter = finished ? null : resumeAfter;
        if (removed > 0) {
            log.info("[DB Sync] Removed {} version(s) older than {} from the history{}", removed, cutoff,
                    finished ? "" : " (continuing at the next quiet moment)");
        }
        return finished;
    }

    private long deleteFull(List<String> doomed, boolean all) {
        long n = 0;
        while (doomed.size() >= DELETE_CHUNK || (all && !doomed.isEmpty())) {
            List<String> chunk = new ArrayList<>(doomed.subList(0, Math.min(DELETE_CHUNK, doomed.size())));
            n += HistoryFormat.collection(database).deleteMany(Filters.in(HistoryFormat.ID, chunk)).getDeletedCount();
            doomed.subList(0, chunk.size()).clear();
        }
        return n;
    }

    /** One row's old versions: all go but the newest, which stays unless it is a delete. */
    private static final class Group {
        final String row;
        final List<String> ids = new ArrayList<>();
        String newest;
        long newestMicros = Long.MIN_VALUE;
        long newestChange = Long.MIN_VALUE;
        boolean newestIsDelete;
        String lastId;

        Group(String row) {
            this.row = row;
        }

        void add(String id, HistoryFormat.Key key, String op) {
            ids.add(id);
            lastId = id;
            if (key.micros() > newestMicros || (key.micros() == newestMicros && key.changeId() > newestChange)) {
                newest = id;
                newestMicros = key.micros();
                newestChange = key.changeId();
                newestIsDelete = HistoryFormat.Op.DELETE.code().equals(op);
            }
        }

        void condemn(List<String> doomed) {
            for (String id : ids) {
                if (!id.equals(newest) || newestIsDelete) {
                    doomed.add(id);
                }
            }
        }
    }
}
