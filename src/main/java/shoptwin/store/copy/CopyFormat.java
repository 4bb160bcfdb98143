package shoptwin.store.copy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Date;
import org.bson.Document;

/**
 * Where the copy keeps what, and which of it is bookkeeping: the one description that the mirror,
 * resync, verify, restore and the read store all follow (docs/mirror.md, "Documents").
 *
 * <p>Each mirrored table has its collection ({@link MirrorTable#collectionName()}); a row is one
 * document whose {@link #ID} is the row's UUID as a string. The mirror adds one field, {@link #VERSION}.
 * A deleted row leaves no document in its table's collection: it leaves a tombstone in
 * {@link #TOMBSTONES}, {@code {_id: "customers:<uuid>", _v, deleted_at}}, which stops an older change
 * replayed later from bringing the row back. Readers of the copy never see tombstones.
 */
public final class CopyFormat {
    /** The document's id: the row's primary key {@code id}, a UUID, as a string. */
    public static final String ID = "_id";
    /** The change-log id of the change a document (or tombstone) reflects: the stale-write guard. */
    public static final String VERSION = "_v";
    /** Deleted rows' last versions; never read by the console, ignored by verify. */
    public static final String TOMBSTONES = "shoptwin_tombstones";
    /**
     * Per mirrored table, the columns the copy's documents were last made from in full
     * ({@code {_id: "customers", columns: ["id uuid", ...], updated_at}}): when the table's columns differ,
     * the mirror brings the documents up to date. Never read by the console, ignored by verify.
     */
    public static final String COPY_SCHEMA = "shoptwin_schema";
    /** When the tombstone was written: old tombstones are pruned by it. */
    public static final String DELETED_AT = "deleted_at";
    /**
     * Which database and which history the copy mirrors: one marker document ({@link #MARKER_ID}) with
     * {@code generation} (the database's, a UUID string), {@code intent_n} and {@code intent_token} (the
     * mirror's last intent, committed in that database before anything it describes was written here),
     * {@code database} (host/name, informative only), {@code updated_at}, and {@code state}
     * ("rebasing" while a rebase replaces the copy). Ignored by verify; never read by the console.
     */
    public static final String GENERATION = "shoptwin_generation";
    public static final String MARKER_ID = "marker";
    /** The column that becomes {@link #ID}. */
    static final String ID_COLUMN = "id";

    private CopyFormat() {
    }

    public static MongoCollection<Document> collection(MongoDatabase copy, MirrorTable table) {
        return copy.getCollection(table.collectionName());
    }

    public static MongoCollection<Document> copySchema(MongoDatabase copy) {
        return copy.getCollection(COPY_SCHEMA);
    }

    public static MongoCollection<Document> tombstones(MongoDatabase copy) {
        return copy.getCollection(TOMBSTONES);
    }

    public static MongoCollection<Document> generation(MongoDatabase copy) {
        return copy.getCollection(GENERATION);
    }

    /** The tombstone id of a row: {@code "customers:<uuid>"} (one collection holds every table's). */
    public static String tombstoneId(MirrorTable table, String rowId) {
        return table.collectionName() + ":" + rowId;
    }

    /** The row id a tombstone id of {@code table} stands for. */
    public static String rowIdOfTombstone(MirrorTable table, String tombstoneId) {
        return tombstoneId.substring(table.collectionName().length() + 1);
    }

    public static Document tombstone(MirrorTable table, String rowId, long version, Date deletedAt) {
        return new Document(ID, tombstoneId(table, rowId)).append(VERSION, version).append(DELETED_AT, deletedAt);
    }

    /** A copy of {@code document} carrying {@code version}: what the mirror and resync write. */
    public static Document versioned(Document document, long version) {
        Document doc = new Document(document);
        doc.put(VERSION, version);
        return doc;
    }

    /** The version a document or tombstone is guarded by; one written by someone else without it counts as 0. */
    public static long versionOf(Document d) {
        Object v = d.get(VERSION);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    /** The document without bookkeeping fields: what verify compares. */
    public static Document canonical(Document document) {
        Document copy = new Document(document);
        copy.remove(VERSION);
        return copy;
    }
}
