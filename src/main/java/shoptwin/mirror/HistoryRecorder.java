package shoptwin.mirror;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.Document;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.HistoryFormat;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.mongo.HistoryCoverage;

/**
 * Writes the history (docs/history.md) in the mirror's batch: one document per captured change, every one
 * of them, including the versions the batch coalesces for the live copy, through the mirror's own view of
 * MongoDB (the copy's durability). Written before the batch's change-log rows are acknowledged, as unordered
 * inserts keyed by the change itself ({@link HistoryFormat#id}), so a replayed batch adds nothing twice: a
 * duplicate key means "already recorded". A change whose history cannot be written for a reason of its own
 * document is parked like a change the copy refused, and recorded when it is finally applied.
 */
final class HistoryRecorder {
    private final MongoDatabase database;
    private final UnaryOperator<String> mask;

    HistoryRecorder(MongoDatabase database, UnaryOperator<String> mask) {
        this.database = database;
        this.mask = mask;
    }

    /**
     * The leader starts: if the history has no starting point yet and this is a new shop (the copy and the
     * history are empty, and every row in PostgreSQL still waits in the change log, so every row will be
     * recorded from its first change), the history is complete from now. Otherwise a resync gives every row its
     * starting point ({@link Resync}).
     */
    void lead(Connection session, Instant now) throws SQLException {
        if (HistoryCoverage.completeSince(database).isPresent()) {
            return;
        }
        if (HistoryFormat.collection(database).find().limit(1).first() != null) {
            return;
        }
        for (MirrorTable t : MirrorTable.values()) {
            if (CopyFormat.collection(database, t).find().limit(1).first() != null) {
                return;
            }
        }
        if (CopyFormat.tombstones(database).find().limit(1).first() != null) {
            return;
        }
        // EXCEPT, not NOT EXISTS: a new shop's first start meets a change log just filled by an import and never
        // analysed; PostgreSQL then took it for a few rows and ran the anti-join as a nested loop, rows × changes
        // (110,000 × 110,000 held the leader for minutes, HistoryBench). A set difference is hashed or sorted whatever
        // the statistics say.
        StringBuilder sql = new StringBuilder("select ");
        for (MirrorTable t : MirrorTable.values()) {
            sql.append(t.ordinal() == 0 ? "" : " or ").append("exists (select id from ").append(t.qualifiedTableName())
                    .append(" except select row_id from shoptwin.change_log where table_name = '").append(t.tableName())
                    .append("')");
        }
        try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            if (rs.getBoolean(1)) {
                return; // rows the change log does not hold: a resync must record them first
            }
        }
        HistoryCoverage.startIfAbsent(database, now);
    }

    /** A batch's history documents, by change-log id, made while the batch is prepared (also on the read-ahead thread). */
    static final class Pending {
        final Map<Long, Document> byChange = new LinkedHashMap<>();

        static final Pending NONE = new Pending();
    }

    /**
     * The history of {@code batch}. {@code mapped}: documents already mapped for the copy (each row's last
     * change), reused; the others are mapped here. A change that cannot be mapped is added to {@code rejected}
     * (to be parked) unless it is there already.
     */
    Pending prepare(List<ChangeLogEntry> batch, Map<Long, Document> mapped, DocumentMapper mapper, Map<Long, String> rejected) {
        Pending p = new Pending();
        for (ChangeLogEntry e : batch) {
            if (rejected.containsKey(e.id())) {
                continue; // parked: recorded when it is finally applied
            }
            try {
                Document row = e.isDelete() ? null : mapped.containsKey(e.id()) ? mapped.get(e.id()) : mapper.toDocument(e.table(), e.rowData());
                Document before = e.isDelete() && e.before() != null ? mapper.toDocument(e.table(), e.before()) : null;
                Document actor = e.actor() == null ? null : Document.parse(e.actor());
                p.byChange.put(e.id(), HistoryFormat.version(e.table(), e.rowId(), e.id(), e.changedAt(), op(e.op()), row, before,
                        e.xact() == 0 ? null : e.xact(), actor));
            } catch (RuntimeException ex) {
                // a value the mapper refuses, or an actor that is not JSON: this change waits, the others go on
                rejected.put(e.id(), mask.apply("cannot record the change in the history: " + ex.getMessage()));
            }
        }
        return p;
    }

    /**
     * Inserts the pending history but the changes in {@code skip} (parked). Returns the changes whose history
     * MongoDB refused for a reason of their own document (to be parked, with the reason); server, connection
     * and write-concern failures are thrown, and the batch is retried whole.
     */
    Map<Long, String> write(Pending pending, Set<Long> skip) {
        List<Document> docs = new ArrayList<>(pending.byChange.size());
        List<Long> ids = new ArrayList<>(pending.byChange.size());
        pending.byChange.forEach((id, doc) -> {
            if (!skip.contains(id)) {
                docs.add(doc);
                ids.add(id);
            }
        });
        Map<Long, String> refused = new LinkedHashMap<>();
        if (docs.isEmpty()) {
            return refused;
        }
        try {
            insert(docs, ids, refused);
        } catch (RuntimeException e) {
            if (e instanceof MongoBulkWriteException || !DocumentRefusal.belongsToOneDocument(e)) {
                throw e;
            }
            // the driver refused before sending because of one document's content (a version over MongoDB's
            // 16 MB: a large value captured in between, which the copy itself parked): those versions are
            // refused with the reason, the others inserted, so that one version never stops the mirror
            List<Document> fit = new ArrayList<>(docs.size());
            List<Long> fitIds = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                long size = DocumentRefusal.sizeOf(docs.get(i));
                if (size < 0 || size > DocumentRefusal.MAX_DOCUMENT_BYTES) {
                    refused.put(ids.get(i), mask.apply("the history cannot keep this version: it is "
                            + (size < 0 ? "not encodable" : DocumentRefusal.megabytes(size))
                            + " as a MongoDB document, and MongoDB holds at most 16 MB in one document"));
                } else {
                    fit.add(docs.get(i));
                    fitIds.add(ids.get(i));
                }
            }
            if (fit.size() == docs.size()) {
                throw e; // not one document's fault after all
            }
            if (!fit.isEmpty()) {
                insert(fit, fitIds, refused);
            }
        }
        return refused;
    }

    /** Inserts {@code docs} (unordered); MongoDB's refusals of single documents go into {@code refused} by change id. */
    private void insert(List<Document> docs, List<Long> ids, Map<Long, String> refused) {
        try {
            HistoryFormat.collection(database).insertMany(docs, UNORDERED);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) { // a duplicate is this very change, recorded by an earlier attempt
                    refused.put(ids.get(error.getIndex()), mask.apply("the history refused the change: MongoDB error "
                            + error.getCode() + ": " + error.getMessage()));
                }
            }
        }
    }

    private static final InsertManyOptions UNORDERED = new InsertManyOptions().ordered(false);
    private static final int DUPLICATE_KEY = 11000;

    static HistoryFormat.Op op(ChangeLogEntry.Op op) {
        return switch (op) {
            case INSERT -> HistoryFormat.Op.INSERT;
            case UPDATE -> HistoryFormat.Op.UPDATE;
            case DELETE -> HistoryFormat.Op.DELETE;
        };
    }
}
