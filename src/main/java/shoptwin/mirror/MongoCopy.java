package shoptwin.mirror;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The MongoDB side of the mirror: guarded writes by {@code _id} only.
 *
 * <p>Every document carries {@code _v}, the change-log id it reflects. Before writing, the current
 * versions of a whole batch are read with one {@code $in} query per collection, and only newer
 * changes are written (filters stay {@code _id}-only: index-backed on every server). A deleted row
 * leaves a tombstone ({@code _id} "collection:uuid", {@code _v}) in {@link #TOMBSTONES}, so that an
 * older change replayed later cannot bring it back. Callers serialise writers with the mirror's
 * write lock in PostgreSQL, which makes read-then-write safe.
 */
final class MongoCopy {
    /** Deleted rows' last versions; never read by the console, ignored by verify. */
    static final String TOMBSTONES = "shoptwin_tombstones";

    /** One row to put in place ({@code document} != null) or remove. */
    record Write(MirrorTable table, String id, Document document, long version) {
        boolean isDelete() {
            return document == null;
        }
    }

    enum Outcome { APPLIED, STALE, REJECTED }

    record Result(Write write, Outcome outcome, String error) {
    }

    private final MongoDatabase database;

    MongoCopy(MongoDatabase database) {
        this.database = database;
    }

    MongoCollection<Document> collection(MirrorTable table) {
        return database.getCollection(table.collectionName());
    }

    MongoCollection<Document> tombstones() {
        return database.getCollection(TOMBSTONES);
    }

    static String tombstoneId(MirrorTable table, String id) {
        return table.collectionName() + ":" + id;
    }

    /**
     * The version each id is guarded by: the larger of its document's and its tombstone's {@code _v}
     * (absent: no entry; a document without {@code _v} counts as 0).
     */
    Map<String, Long> guards(MirrorTable table, List<String> ids) {
        Map<String, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        // one $in per batch: index-backed on a real MongoDB (slicing it helped only mongo-java-server's
        // scan and cost round trips on a network: docs/benchmarks.md, "Measured after the slicing")
        for (Document d : collection(table).find(Filters.in("_id", ids)).projection(Projections.include("_v"))) {
            out.merge(String.valueOf(d.get("_id")), versionOf(d), Math::max);
        }
        // a tombstone only matters where there is no document: a document written after a delete
        // always carries a larger _v than the delete's tombstone (it had to pass this very guard)
        List<String> tombIds = new ArrayList<>();
        for (String id : ids) {
            if (!out.containsKey(id)) {
                tombIds.add(tombstoneId(table, id));
            }
        }
        if (tombIds.isEmpty()) {
            return out;
        }
        int prefix = table.collectionName().length() + 1;
        for (Document d : tombstones().find(Filters.in("_id", tombIds))) {
            out.merge(String.valueOf(d.get("_id")).substring(prefix), versionOf(d), Math::max);
        }
        return out;
    }

    static long versionOf(Document d) {
        Object v = d.get(DocumentMapper.VERSION_FIELD);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    /**
     * Writes what is newer than the copy. {@code overwriteEqual}: also rewrite a document whose
     * version equals the write's (a resync repairing a document changed behind the mirror's back).
     * Document-level rejections come back as REJECTED; server and connection errors are thrown.
     */
    List<Result> apply(List<Write> writes, boolean overwriteEqual) {
        Map<MirrorTable, List<Write>> byTable = new LinkedHashMap<>();
        writes.forEach(w -> byTable.computeIfAbsent(w.table(), t -> new ArrayList<>()).add(w));
        List<Result> results = new ArrayList<>(writes.size());
        for (Map.Entry<MirrorTable, List<Write>> e : byTable.entrySet()) {
            results.addAll(applyToTable(e.getKey(), e.getValue(), overwriteEqual));
        }
        return results;
    }

    private List<Result> applyToTable(MirrorTable table, List<Write> writes, boolean overwriteEqual) {
        List<String> ids = new ArrayList<>(writes.size());
        writes.forEach(w -> ids.add(w.id()));
        Map<String, Long> guards = guards(table, ids);
        List<Result> results = new ArrayList<>(writes.size());
        List<WriteModel<Document>> models = new ArrayList<>();
        List<Write> modelWrites = new ArrayList<>();
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        for (Write w : writes) {
            Long guard = guards.get(w.id());
            boolean newer = guard == null || w.version() > guard || (overwriteEqual && w.version() == guard);
            if (!newer) {
                results.add(new Result(w, Outcome.STALE, null));
                continue;
            }
            if (w.isDelete()) {
                models.add(new DeleteOneModel<>(Filters.eq("_id", w.id())));
            } else {
                Document doc = new Document(w.document());
                doc.put(DocumentMapper.VERSION_FIELD, w.version());
                models.add(new ReplaceOneModel<>(Filters.eq("_id", w.id()), doc, upsert));
            }
            modelWrites.add(w);
        }
        if (models.isEmpty()) {
            return results;
        }
        Map<Integer, String> rejected = new HashMap<>();
        try {
            collection(table).bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                rejected.put(error.getIndex(), "MongoDB error " + error.getCode() + ": " + error.getMessage());
            }
        }
        // tombstones after the delete: a failure in between leaves no tombstone, so the retry deletes again
        List<WriteModel<Document>> tombs = new ArrayList<>();
        Date now = new Date();
        for (int i = 0; i < modelWrites.size(); i++) {
            Write w = modelWrites.get(i);
            String error = rejected.get(i);
            results.add(new Result(w, error == null ? Outcome.APPLIED : Outcome.REJECTED, error));
            if (error == null && w.isDelete()) {
                String tid = tombstoneId(table, w.id());
                tombs.add(new ReplaceOneModel<>(Filters.eq("_id", tid),
                        new Document("_id", tid).append(DocumentMapper.VERSION_FIELD, w.version()).append("deleted_at", now), upsert));
            }
        }
        if (!tombs.isEmpty()) {
            tombstones().bulkWrite(tombs, new BulkWriteOptions().ordered(false));
        }
        return results;
    }
}
