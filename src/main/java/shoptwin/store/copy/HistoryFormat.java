package shoptwin.store.copy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;

/**
 * The history's format (docs/history.md): the collection {@link #COLLECTION} holds one document per
 * captured change of every mirrored row, written by the mirror in the same batch as the copy, and one
 * {@code snapshot} document per row a resync found without any history (its starting point).
 *
 * <pre>
 * { _id: "customers:&lt;uuid&gt;:&lt;change-log id&gt;:&lt;capture time, µs since 1970&gt;",
 *   table: "customers", row_id: "&lt;uuid&gt;", customer_id: "&lt;uuid&gt;" (the customer it belongs to; payments: theirs),
 *   op: "insert" | "update" | "delete" | "snapshot", version: the row's version column,
 *   row: { the row as the copy holds it, _id included }   (absent for a delete)
 *   deleted_row: { the row as it was when deleted }        (delete only, when the change log had it)
 *   changed_at: Date (capture time, ms), change_id: Int64, xact: Int64 (the writing transaction),
 *   actor: { staff, host, via, user, app, sub, role, email } (those known) }
 * </pre>
 *
 * <p>The id is the change itself: a replayed batch inserts the same ids (a duplicate key means "already
 * recorded"), and after a Supabase rollback, when change-log ids are handed out again, the capture time
 * (to the microsecond) keeps a later history's change apart from an older one. One more document, {@link
 * #COVERAGE_ID}, says since when the history is complete (every row has a version at every moment since).
 */
public final class HistoryFormat {
    public static final String COLLECTION = "shoptwin_history";
    public static final String ID = CopyFormat.ID;
    public static final String TABLE = "table";
    public static final String ROW_ID = "row_id";
    /** The customer a change belongs to: the customer's own id, a payment's customer_id; absent for the shop. */
    public static final String CUSTOMER = "customer_id";
    public static final String OP = "op";
    public static final String VERSION = "version";
    public static final String ROW = "row";
    public static final String DELETED_ROW = "deleted_row";
    public static final String CHANGED_AT = "changed_at";
    public static final String CHANGE_ID = "change_id";
    public static final String XACT = "xact";
    public static final String ACTOR = "actor";
    /** The one bookkeeping document: {@code {_id: "coverage", complete_since: Date}}. */
    public static final String COVERAGE_ID = "coverage";
    public static final String COMPLETE_SINCE = "complete_since";

    /** What a version records. */
    public enum Op {
        INSERT, UPDATE, DELETE, SNAPSHOT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Op ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** The parts of a history id. */
    public record Key(MirrorTable table, String rowId, long changeId, long micros) {
        /** The capture time, to the microsecond. */
        public Instant changedAt() {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
        }

        /** "customers:&lt;uuid&gt;": what every version of one row shares. */
        public String row() {
            return table.collectionName() + ":" + rowId;
        }
    }

    private HistoryFormat() {
    }

    public static MongoCollection<Document> collection(MongoDatabase copy) {
        return copy.getCollection(COLLECTION);
    }

    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public static String id(MirrorTable table, String rowId, long changeId, Instant changedAt) {
        return table.collectionName() + ":" + rowId + ":" + changeId + ":" + micros(changedAt);
    }

    /** The parts of a version's id; empty for anything else (the coverage document). */
    public static Optional<Key> parse(Object id) {
        if (!(id instanceof String s)) {
            return Optional.empty();
        }
        String[] p = s.split(":");
        if (p.length != 4) {
            return Optional.empty();
        }
        for (MirrorTable t : MirrorTable.values()) {
            if (t.collectionName().equals(p[0])) {
                try {
                    return Optional.of(new Key(t, p[1], Long.parseLong(p[2]), Long.parseLong(p[3])));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One version. {@code row}: the document as the copy holds it (without {@code _v}), null for a delete;
     * {@code deletedRow}: a delete's row image if known; {@code actor}: may be null (a change captured
     * before ShopTwin recorded who).
     */
    public static Document version(MirrorTable table, String rowId, long changeId, Instant changedAt, Op op, Document row,
                                   Document deletedRow, Long xact, Document actor) {
        Document image = row != null ? row : deletedRow;
        Document d = new Document(ID, id(table, rowId, changeId, changedAt)).append(TABLE, table.collectionName())
                .append(ROW_ID, rowId);
        String customer = customerOf(table, rowId, image);
        if (customer != null) {
            d.append(CUSTOMER, customer);
        }
        d.append(OP, op.code());
        if (image != null && image.get("version") instanceof Number n) {
            d.append(VERSION, n.longValue());
        }
        if (row != null) {
            d.append(ROW, CopyFormat.canonical(row));
        }
        if (deletedRow != null && row == null) {
            d.append(DELETED_ROW, CopyFormat.canonical(deletedRow));
        }
        d.append(CHANGED_AT, Date.from(changedAt)).append(CHANGE_ID, changeId);
        if (xact != null) {
            d.append(XACT, xact);
        }
        if (actor != null && !actor.isEmpty()) {
            d.append(ACTOR, actor);
        }
        return d;
    }

    private static String customerOf(MirrorTable table, String rowId, Document image) {
        return switch (table) {
            case CUSTOMERS -> rowId;
            case PAYMENTS -> image == null || image.get("customer_id") == null ? null : String.valueOf(image.get("customer_id"));
            case SHOP -> null;
        };
    }

    /** The row a version holds: {@link #ROW}, or for a delete the row as it was ({@link #DELETED_ROW}); null if unknown. */
    public static Document image(Document version) {
        Object row = version.get(ROW);
        if (row instanceof Document d) {
            return d;
        }
        return version.get(DELETED_ROW) instanceof Document d ? d : null;
    }

    /** When a version was captured, to the microsecond (from its id; {@link #CHANGED_AT} holds milliseconds). */
    public static Instant changedAt(Document version) {
        return parse(version.get(ID)).map(Key::changedAt)
                .orElseGet(() -> version.getDate(CHANGED_AT) == null ? Instant.EPOCH : version.getDate(CHANGED_AT).toInstant());
    }

    public static Op op(Document version) {
        return Op.ofCode(version.getString(OP));
    }
}
