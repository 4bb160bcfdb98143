package shoptwin.mirror;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.MirrorTable;

/**
 * The MongoDB side of the mirror: guarded writes by {@code _id} only.
 *
 * <p>Every document carries {@code _v}, the change-log id it reflects. Before writing, the current
 * versions of a whole batch are read with one {@code $in} query per collection, and only newer
 * changes are written (filters stay {@code _id}-only: index-backed on every server). Rows created
 * within the batch ({@link Write#fresh()}) are inserted without that read: only their tombstones are
 * checked, and an insert that finds its {@code _id} taken falls back to the guarded path. A deleted row
 * leaves a tombstone ({@link CopyFormat#tombstone}) in {@link CopyFormat#TOMBSTONES}, so that an
 * older change replayed later cannot bring it back. Callers serialise writers with the mirror's
 * write lock in PostgreSQL, which makes read-then-write safe.
 */
final class MongoCopy {
    /**
     * One row to put in place ({@code document} != null) or remove. {@code fresh}: the row was created
     * by the first change this write stands for, so the copy should have no document for it yet; it is
     * inserted without reading the copy's version first (a document found there after all, e.g. from a
     * replayed batch or a resync, sends it through the guarded path instead).
     */
    record Write(MirrorTable table, String id, Document document, long version, boolean fresh) {
        Write(MirrorTable table, String id, Document document, long version) {
            this(table, id, document, version, false);
        }

        boolean isDelete() {
            return document == null;
        }
    }

    enum Outcome { APPLIED, STALE, REJECTED }

    record Result(Write write, Outcome outcome, String error) {
    }

    private final MongoDatabase database;
    /** Stamps tombstones ({@code deleted_at}), which pruning compares with the same clock. */
    private final Clock clock;
    /** What is left of the current batch's deadline becomes each operation's timeout. */
    private final WriteDeadline deadline;
    /**
     * True (always, but in benchmarks at scale): every write carries its version in its filter, so that MongoDB
     * itself refuses to regress a document, whatever the writer believed ({@link #fence}). False keeps the
     * {@code _id}-only filters, for mongo-java-server at scale, which scans the collection for any other filter.
     */
    private final boolean fenced;
    /**
     * The guard version of rows this copy wrote itself ("collection:id" → _v), most recently used
     * last; null when not remembering. Filled only after MongoDB acknowledged the write; emptied on
     * any failure and by {@link #forgetVersions()}, which the mirror calls whenever another writer may
     * have written the copy (a resync moves the copy's epoch; leadership lost). Remembered versions can
     * then only be the copy's own, or lower than its own: never higher, so no change is ever skipped.
     */
    private final Map<String, Long> remembered;

    MongoCopy(MongoDatabase database) {
        this(database, 0);
    }

    /** {@code rememberVersions}: how many rows' versions to keep (0: read every guard from MongoDB). */
    MongoCopy(MongoDatabase database, int rememberVersions) {
        this(database, rememberVersions, Clock.systemUTC());
    }

    MongoCopy(MongoDatabase database, int rememberVersions, Clock clock) {
        this(database, rememberVersions, clock, new WriteDeadline(java.time.Duration.ZERO), true);
    }

    MongoCopy(MongoDatabase database, int rememberVersions, Clock clock, WriteDeadline deadline, boolean fenced) {
        this.database = database;
        this.clock = clock;
        this.deadline = deadline;
        this.fenced = fenced;
        this.remembered = rememberVersions <= 0 ? null : new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > rememberVersions;
            }
        };
    }

    void forgetVersions() {
        if (remembered != null) {
            remembered.clear();
        }
    }

    /** How many rows' versions are remembered (for tests). */
    int rememberedVersions() {
        return remembered == null ? 0 : remembered.size();
    }

    MongoCollection<Document> collection(MirrorTable table) {
        return CopyFormat.collection(deadline.apply(database), table);
    }

    MongoCollection<Document> tombstones() {
        return CopyFormat.tombstones(deadline.apply(database));
    }

    /** The copy's database as this writer sees it (write concern, read preference, deadline). */
    MongoDatabase database() {
        return deadline.apply(database);
    }

    private static String tombstoneId(MirrorTable table, String id) {
        return CopyFormat.tombstoneId(table, id);
    }

    /**
     * The version each id is guarded by: the larger of its document's and its tombstone's {@code _v}
     * (absent: no entry; a document without {@code _v} counts as 0).
     */
    Map<String, Long> guards(MirrorTable table, List<String> ids) {
        return guards(table, ids, List.of());
    }

    /**
     * As {@link #guards(MirrorTable, List)} for {@code ids}; for {@code tombstoneOnly} (rows the copy
     * should not have) only their tombstones are read, in the same query as the others'.
     */
    private Map<String, Long> guards(MirrorTable table, List<String> ids, List<String> tombstoneOnly) {
        Map<String, Long> out = new HashMap<>();
        if (!ids.isEmpty()) {
            // one $in per batch: index-backed on a real MongoDB (slicing it helped only mongo-java-server's
            // scan and cost round trips on a network: docs/benchmarks.md, "Measured after the slicing")
            for (Document d : collection(table).find(Filters.in(CopyFormat.ID, ids)).projection(Projections.include(CopyFormat.VERSION))) {
                out.merge(String.valueOf(d.get(CopyFormat.ID)), CopyFormat.versionOf(d), Math::max);
            }
        }
        // a tombstone only matters where there is no document: a document written after a delete
        // always carries a larger _v than the delete's tombstone (it had to pass this very guard)
        List<String> tombIds = new ArrayList<>();
        for (String id : ids) {
            if (!out.containsKey(id)) {
                tombIds.add(tombstoneId(table, id));
            }
        }
        tombstoneOnly.forEach(id -> tombIds.add(tombstoneId(table, id)));
        if (tombIds.isEmpty()) {
            return out;
        }
        for (Document d : tombstones().find(Filters.in(CopyFormat.ID, tombIds))) {
            out.merge(CopyFormat.rowIdOfTombstone(table, String.valueOf(d.get(CopyFormat.ID))), CopyFormat.versionOf(d), Math::max);
        }
        return out;
    }

    /**
     * Removes the tombstones that can no longer guard anything: deleted before {@code deletedBefore}
     * and older than every change that may still be applied ({@code _v < belowVersion}; a tombstone only
     * stops changes older than itself). Returns how many went.
     */
    long pruneTombstones(Date deletedBefore, long belowVersion) {
        return tombstones().deleteMany(Filters.and(Filters.lt(CopyFormat.DELETED_AT, deletedBefore),
                Filters.lt(CopyFormat.VERSION, belowVersion))).getDeletedCount();
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
        try {
            for (Map.Entry<MirrorTable, List<Write>> e : byTable.entrySet()) {
                results.addAll(applyToTable(e.getKey(), e.getValue(), overwriteEqual));
            }
        } catch (RuntimeException e) {
            forgetVersions(); // part of the batch may have landed: what the copy holds is unknown
            throw e;
        }
        if (remembered != null) {
            for (Result r : results) {
                String key = tombstoneId(r.write().table(), r.write().id());
                if (r.outcome() == Outcome.APPLIED) {
                    remembered.put(key, r.write().version());
                } else if (r.outcome() == Outcome.REJECTED) {
                    remembered.remove(key);
                }
            }
        }
        return results;
    }

    /**
     * For a rebase only (the copy's versions belong to another history, and nothing else writes meanwhile):
     * writes every document and removes every deleted row's document by {@code _id}, whatever versions the copy
     * holds; no tombstones (a rebase removes them all). The versions written are the writes' own. Per-document
     * refusals come back REJECTED.
     */
    List<Result> replaceAll(MirrorTable table, List<Write> writes) {
        List<Write> marked = new ArrayList<>(writes.size());
        Map<Write, Write> original = new IdentityHashMap<>();
        for (Write w : writes) {
            Write m = new Write(w.table(), w.id(), w.document() == null ? null : CopyFormat.versioned(w.document(), w.version()),
                    REPLACE_WHATEVER_THE_VERSION, false);
            marked.add(m);
            original.put(m, w);
        }
        Map<Write, String> rejected = new IdentityHashMap<>();
        write(table, marked, rejected, Collections.newSetFromMap(new IdentityHashMap<>()), false, true);
        List<Result> results = new ArrayList<>(writes.size());
        for (Write m : marked) {
            String error = rejected.get(m);
            results.add(new Result(original.get(m), error == null ? Outcome.APPLIED : Outcome.REJECTED, error));
        }
        forgetVersions();
        return results;
    }

    private List<Result> applyToTable(MirrorTable table, List<Write> writes, boolean overwriteEqual) {
        // fresh rows skip the read of their document's version: on a real MongoDB that saves nothing but
        // bytes, on mongo-java-server it saves most of the guard's cost (ids asked x documents found)
        List<String> guarded = new ArrayList<>(writes.size());
        List<String> fresh = new ArrayList<>();
        Map<String, Long> known = new HashMap<>();
        for (Write w : writes) {
            Long v = remembered == null ? null : remembered.get(tombstoneId(table, w.id()));
            if (v != null) {
                known.put(w.id(), v); // written by this copy, acknowledged, and nobody else wrote since
            } else {
                (isFresh(w) ? fresh : guarded).add(w.id());
            }
        }
        Map<String, Long> guards = guards(table, guarded, fresh);
        guards.putAll(known);
        List<Result> results = new ArrayList<>(writes.size());
        List<Write> toWrite = newerOnly(writes, guards, overwriteEqual, results);
        Map<Write, String> rejected = new IdentityHashMap<>();
        Set<Write> stale = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Write> present = write(table, toWrite, rejected, stale, true, overwriteEqual);
        if (!present.isEmpty()) {
            // fresh rows the copy had after all (a replayed batch, a resync): the guarded path decides
            List<String> ids = new ArrayList<>(present.size());
            present.forEach(w -> ids.add(w.id()));
            Map<String, Long> again = guards(table, ids);
            Set<Write> wasPresent = Collections.newSetFromMap(new IdentityHashMap<>());
            wasPresent.addAll(present);
            toWrite.removeIf(wasPresent::contains);
            List<Write> retry = newerOnly(present, again, overwriteEqual, results);
            write(table, retry, rejected, stale, false, overwriteEqual);
            toWrite.addAll(retry);
        }
        // tombstones after the delete: a failure in between leaves no tombstone, so the retry deletes again
        List<WriteModel<Document>> tombs = new ArrayList<>();
        Date now = Date.from(clock.instant());
        for (Write w : toWrite) {
            String error = rejected.get(w);
            results.add(new Result(w, error != null ? Outcome.REJECTED : stale.contains(w) ? Outcome.STALE : Outcome.APPLIED, error));
            if (error == null && !stale.contains(w) && w.isDelete()) {
                tombs.add(new ReplaceOneModel<>(fence(tombstoneId(table, w.id()), w.version(), overwriteEqual),
                        CopyFormat.tombstone(table, w.id(), w.version(), now), UPSERT));
            }
        }
        if (!tombs.isEmpty()) {
            try {
                tombstones().bulkWrite(tombs, UNORDERED);
            } catch (MongoBulkWriteException e) {
                // a duplicate key is a newer tombstone that the fence kept: nothing to do
                if (e.getWriteConcernError() != null || e.getWriteErrors().stream().anyMatch(x -> x.getCode() != DUPLICATE_KEY)) {
                    throw e;
                }
            }
        }
        return results;
    }

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    /** Marks a write of {@link #replaceAll}: no guard, no fence. */
    private static final long REPLACE_WHATEVER_THE_VERSION = Long.MIN_VALUE;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final int DUPLICATE_KEY = 11000;

    private static boolean isFresh(Write w) {
        return w.fresh() && !w.isDelete();
    }

    /** The writes newer than their guard; the others are reported STALE in {@code results}. */
    private static List<Write> newerOnly(List<Write> writes, Map<String, Long> guards, boolean overwriteEqual,
                                         List<Result> results) {
        List<Write> newer = new ArrayList<>(writes.size());
        for (Write w : writes) {
            Long guard = guards.get(w.id());
            if (guard == null || w.version() > guard || (overwriteEqual && w.version() == guard)) {
                newer.add(w);
            } else {
                results.add(new Result(w, Outcome.STALE, null));
            }
        }
        return newer;
    }

    /**
     * The filter that makes MongoDB itself refuse a write that is not newer than the document: {@code _id}
     * and a version below the write's ({@code $not $gte}, so that a document without {@code _v}, written by
     * someone else, still counts as version 0). {@code overwriteEqual}: the same version may be rewritten.
     * A replace-or-insert whose filter misses an existing document fails with a duplicate key on {@code _id}:
     * "already newer". Without fencing, the {@code _id} alone.
     */
    private Bson fence(String id, long version, boolean overwriteEqual) {
        Bson byId = Filters.eq(CopyFormat.ID, id);
        if (!fenced || version == REPLACE_WHATEVER_THE_VERSION) {
            return byId;
        }
        return Filters.and(byId, Filters.not(overwriteEqual ? Filters.gt(CopyFormat.VERSION, version) : Filters.gte(CopyFormat.VERSION, version)));
    }

    /**
     * One unordered bulk write of {@code writes}: fresh rows as inserts ({@code freshAsInsert}), the others as
     * fenced replace-or-insert and deletes. Per-document errors go into {@code rejected} (with a reason a person
     * understands), writes the fence refused into {@code stale}; an insert that found its {@code _id} taken comes
     * back, for the guarded path. An error the driver raises before sending, for one document's sake (too large,
     * a field name MongoDB refuses), is narrowed down by halves to the documents it belongs to; writing again what
     * was sent already is harmless, every write being guarded.
     */
    private List<Write> write(MirrorTable table, List<Write> writes, Map<Write, String> rejected, Set<Write> stale,
                              boolean freshAsInsert, boolean overwriteEqual) {
        if (writes.isEmpty()) {
            return List.of();
        }
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        for (Write w : writes) {
            if (w.isDelete()) {
                models.add(new DeleteOneModel<>(fence(w.id(), w.version(), overwriteEqual)));
                continue;
            }
            Document doc = w.version() == REPLACE_WHATEVER_THE_VERSION ? w.document() : CopyFormat.versioned(w.document(), w.version());
            models.add(freshAsInsert && isFresh(w) ? new InsertOneModel<>(doc)
                    : new ReplaceOneModel<>(fence(w.id(), w.version(), overwriteEqual), doc, UPSERT));
        }
        List<Write> present = new ArrayList<>();
        try {
            collection(table).bulkWrite(models, UNORDERED);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                Write w = writes.get(error.getIndex());
                boolean insert = models.get(error.getIndex()) instanceof InsertOneModel;
                if (error.getCode() == DUPLICATE_KEY && insert) {
                    present.add(w);
                } else if (error.getCode() == DUPLICATE_KEY && isIdIndex(error)) {
                    stale.add(w); // the fence: the copy's document is already newer
                } else {
                    rejected.put(w, DocumentRefusal.of(error, table, w.document()));
                }
            }
        } catch (RuntimeException e) {
            if (!DocumentRefusal.belongsToOneDocument(e)) {
                throw e;
            }
            if (writes.size() == 1) {
                Write w = writes.get(0);
                rejected.put(w, DocumentRefusal.of(e, table, w.id(), w.document()));
                return present;
            }
            int half = writes.size() / 2;
            present.addAll(write(table, writes.subList(0, half), rejected, stale, freshAsInsert, overwriteEqual));
            present.addAll(write(table, writes.subList(half, writes.size()), rejected, stale, freshAsInsert, overwriteEqual));
        }
        return present;
    }

    /** A duplicate key on {@code _id} (MongoDB: "... index: _id_ dup key: ..."), not on an index someone added. */
    private static boolean isIdIndex(BulkWriteError error) {
        String m = String.valueOf(error.getMessage());
        return m.contains("index: _id_ ") || m.contains("index: _id_\n") || m.endsWith("index: _id_");
    }
}
