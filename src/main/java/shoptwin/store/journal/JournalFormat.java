package shoptwin.store.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry.FieldConflict;
import shoptwin.store.journal.JournalEntry.Op;
import shoptwin.store.journal.JournalEntry.State;

/**
 * The outage journal's format, a public contract (docs/outage.md): the collection {@link #COLLECTION} in the
 * copy's database, one document per change, written by ShopTwin's consoles and by anything else that works
 * during an outage (the shop's web app), replayed by ShopTwin. This class reads a document into a
 * {@link JournalEntry}, refusing one that does not follow the format with a reason a person understands
 * ({@link MalformedEntryException}: the replay marks it {@code invalid}), and writes entries back.
 *
 * <p>Values are typed as in the copy: amounts Decimal128, timestamps Date, ids strings.
 */
public final class JournalFormat {
    public static final String COLLECTION = "shoptwin_journal";

    // ---- the fields of the contract (issue 15)
    public static final String ID = "_id";
    public static final String TABLE = "table";
    public static final String OP = "op";
    public static final String ROW_ID = "row_id";
    public static final String FIELDS = "fields";
    public static final String BEFORE = "before";
    public static final String BASE_VERSION = "base_version";
    public static final String MADE_AT = "made_at";
    public static final String MADE_BY = "made_by";
    public static final String STATE = "state";
    public static final String APPLIED_VERSION = "applied_version";
    public static final String REASON = "reason";
    public static final String RESOLVED_BY = "resolved_by";
    public static final String RESOLVED_AT = "resolved_at";
    // ---- ShopTwin's additions (optional for other writers; docs/outage.md)
    /** When the entry was applied: applied entries are pruned 30 days after it. */
    public static final String APPLIED_AT = "applied_at";
    /** Ids of entries this one comes after, whatever the clocks of their writers said. */
    public static final String FOLLOWS = "follows";
    /** A customer's delete: the payments the person saw (others added meanwhile make it a conflict). */
    public static final String PAYMENTS_SEEN = "payments_seen";
    /** A payment's insert: its customer as the person saw them (for Recreate the customer). */
    public static final String CUSTOMER = "customer";
    /** A conflict: [{field, before, mine, supabase}], the three values per field. */
    public static final String CONFLICTS = "conflicts";
    /** A conflict's kind: changed, row_gone, customer_gone, payments_added, row_exists (what the screen offers follows it). */
    public static final String REASON_CODE = "reason_code";
    /** How a person decided: mine, theirs, recreated_customer. */
    public static final String RESOLUTION = "resolution";

    /** Fields a journal document may carry; anything else is refused (a typo would otherwise be ignored silently). */
    private static final Set<String> KNOWN = Set.of(ID, TABLE, OP, ROW_ID, FIELDS, BEFORE, BASE_VERSION, MADE_AT, MADE_BY,
            STATE, APPLIED_VERSION, REASON, RESOLVED_BY, RESOLVED_AT, APPLIED_AT, FOLLOWS, PAYMENTS_SEEN, CUSTOMER,
            CONFLICTS, REASON_CODE, RESOLUTION);

    /** The kinds of value a replayed column holds. */
    enum Kind { TEXT, DECIMAL, DATE, UUID_TEXT }

    /** The columns a journal entry may change, per table, with their kinds and whether an insert needs them. */
    record Column(String name, Kind kind, boolean required) {
    }

    private static final Map<MirrorTable, Map<String, Column>> COLUMNS = Map.of(
            MirrorTable.CUSTOMERS, columns(
                    new Column("name", Kind.TEXT, true),
                    new Column("phone", Kind.TEXT, false),
                    new Column("email", Kind.TEXT, false),
                    new Column("address", Kind.TEXT, false),
                    new Column("notes", Kind.TEXT, false)),
            MirrorTable.PAYMENTS, columns(
                    new Column("customer_id", Kind.UUID_TEXT, true),
                    new Column("amount", Kind.DECIMAL, true),
                    new Column("method", Kind.TEXT, true),
                    new Column("reference", Kind.TEXT, false),
                    new Column("note", Kind.TEXT, false),
                    new Column("paid_at", Kind.DATE, true)));

    private JournalFormat() {
    }

    private static Map<String, Column> columns(Column... cs) {
        Map<String, Column> m = new LinkedHashMap<>();
        for (Column c : cs) {
            m.put(c.name(), c);
        }
        return m;
    }

    /** The columns of {@code table} a journal entry may set, in order. */
    public static List<String> columnsOf(MirrorTable table) {
        return List.copyOf(COLUMNS.get(table).keySet());
    }

    /** A journal document that does not follow the format; the message says what is wrong, naming the field. */
    public static final class MalformedEntryException extends Exception {
        public MalformedEntryException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads a journal document, or says why it does not follow the format. */
    public static JournalEntry read(Document d) throws MalformedEntryException {
        for (String key : d.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new MalformedEntryException("'" + key + "' is not a field of a journal entry");
            }
        }
        String id = uuidText(d, ID, "_id must be a UUID string made by the writer");
        MirrorTable table = switch (text(d, TABLE, true)) {
            case "customers" -> MirrorTable.CUSTOMERS;
            case "payments" -> MirrorTable.PAYMENTS;
            default -> throw new MalformedEntryException("table must be customers or payments, not '" + d.get(TABLE) + "'");
        };
        Op op = switch (text(d, OP, true)) {
            case "insert" -> Op.INSERT;
            case "update" -> Op.UPDATE;
            case "delete" -> Op.DELETE;
            default -> throw new MalformedEntryException("op must be insert, update or delete, not '" + d.get(OP) + "'");
        };
        UUID rowId = UUID.fromString(uuidText(d, ROW_ID, "row_id must be the row's UUID as a string"));
        Instant madeAt = date(d, MADE_AT, true);
        String madeBy = text(d, MADE_BY, true);
        if (madeBy.isBlank() || madeBy.length() > 200) {
            throw new MalformedEntryException("made_by must name who made the change (1 to 200 characters)");
        }
        State state = state(d);
        Map<String, Column> columns = COLUMNS.get(table);
        Map<String, Object> fields = values(d, FIELDS, columns, op != Op.DELETE);
        Map<String, Object> before = values(d, BEFORE, columns, op != Op.INSERT);
        switch (op) {
            case INSERT -> {
                for (Column c : columns.values()) {
                    if (c.required() && fields.get(c.name()) == null) {
                        throw new MalformedEntryException("fields." + c.name() + " is required for a new " + noun(table));
                    }
                }
            }
            case UPDATE -> {
                if (fields.isEmpty()) {
                    throw new MalformedEntryException("fields must hold at least one changed field for an update");
                }
                for (String f : fields.keySet()) {
                    if (!before.containsKey(f)) {
                        throw new MalformedEntryException("before." + f + " is missing: an update says what each changed field was");
                    }
                    Column c = columns.get(f);
                    if (c.required() && fields.get(f) == null) {
                        throw new MalformedEntryException("fields." + f + " cannot be null");
                    }
                }
            }
            case DELETE -> {
                if (before.isEmpty()) {
                    throw new MalformedEntryException("before must hold the row as it was seen, for a delete");
                }
            }
        }
        Long baseVersion = integer(d, BASE_VERSION);
        if (op != Op.INSERT && baseVersion == null && d.containsKey(BASE_VERSION)) {
            throw new MalformedEntryException("base_version must be a whole number");
        }
        return new JournalEntry(id, table, op, rowId, fields, before, baseVersion, madeAt, madeBy, state,
                integer(d, APPLIED_VERSION), date(d, APPLIED_AT, false), optionalText(d, REASON), optionalText(d, REASON_CODE),
                optionalText(d, RESOLVED_BY), date(d, RESOLVED_AT, false), optionalText(d, RESOLUTION),
                textList(d, FOLLOWS), uuidList(d, PAYMENTS_SEEN),
                d.containsKey(CUSTOMER) && d.get(CUSTOMER) != null ? values(d, CUSTOMER, COLUMNS.get(MirrorTable.CUSTOMERS), false) : null,
                conflicts(d));
    }

    private static String noun(MirrorTable t) {
        return t == MirrorTable.CUSTOMERS ? "customer" : "payment";
    }

    private static State state(Document d) throws MalformedEntryException {
        String s = text(d, STATE, true);
        for (State st : State.values()) {
            if (st.code().equals(s)) {
                return st;
            }
        }
        throw new MalformedEntryException("state must be pending, applied, conflict or invalid, not '" + s + "'");
    }

    private static Map<String, Object> values(Document d, String key, Map<String, Column> columns, boolean required)
            throws MalformedEntryException {
        Object v = d.get(key);
        if (v == null) {
            if (required) {
                throw new MalformedEntryException(key + " is missing");
            }
            return Map.of();
        }
        if (!(v instanceof Document doc)) {
            throw new MalformedEntryException(key + " must be an embedded document of field: value");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            Column c = columns.get(e.getKey());
            if (c == null) {
                throw new MalformedEntryException(key + "." + e.getKey() + " is not a field ShopTwin replays (it knows "
                        + String.join(", ", columns.keySet()) + ")");
            }
            out.put(c.name(), value(key + "." + c.name(), c.kind(), e.getValue()));
        }
        return out;
    }

    /** A BSON value as the Java value of its kind, or a reason naming the field. */
    private static Object value(String where, Kind kind, Object v) throws MalformedEntryException {
        if (v == null) {
            return null;
        }
        switch (kind) {
            case TEXT -> {
                if (v instanceof String s) {
                    return s;
                }
                throw new MalformedEntryException(where + " must be a string, not " + typeName(v));
            }
            case UUID_TEXT -> {
                if (v instanceof String s && isUuid(s)) {
                    return s;
                }
                throw new MalformedEntryException(where + " must be a UUID string, not " + describe(v));
            }
            case DECIMAL -> {
                if (v instanceof Decimal128 dec) {
                    if (dec.isNaN() || dec.isInfinite()) {
                        throw new MalformedEntryException(where + " must be a number, not " + dec);
                    }
                    return dec.bigDecimalValue();
                }
                throw new MalformedEntryException(where + " must be a Decimal128 (an exact amount), not " + typeName(v));
            }
            case DATE -> {
                if (v instanceof Date date) {
                    return date.toInstant();
                }
                throw new MalformedEntryException(where + " must be a date (BSON Date), not " + typeName(v));
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static String text(Document d, String key, boolean required) throws MalformedEntryException {
        Object v = d.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v == null && !required) {
            return null;
        }
        throw new MalformedEntryException(v == null ? key + " is missing" : key + " must be a string, not " + typeName(v));
    }

    private static String optionalText(Document d, String key) throws MalformedEntryException {
        return text(d, key, false);
    }

    private static String uuidText(Document d, String key, String rule) throws MalformedEntryException {
        Object v = d.get(key);
        if (v instanceof String s && isUuid(s)) {
            return s;
        }
        throw new MalformedEntryException(rule + (v == null ? " (it is missing)" : " (it is " + describe(v) + ")"));
    }

    private static Instant date(Document d, String key, boolean required) throws MalformedEntryException {
        Object v = d.get(key);
        if (v instanceof Date date) {
            return date.toInstant();
        }
        if (v == null && !required) {
            return null;
        }
        throw new MalformedEntryException(v == null ? key + " is missing" : key + " must be a date (BSON Date), not " + typeName(v));
    }

    private static Long integer(Document d, String key) {
        Object v = d.get(key);
        return v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : null;
    }

    private static List<String> textList(Document d, String key) throws MalformedEntryException {
        Object v = d.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new MalformedEntryException(key + " must be an array of entry ids");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new MalformedEntryException(key + " must hold entry ids as strings");
            }
            out.add(s);
        }
        return out;
    }

    private static List<UUID> uuidList(Document d, String key) throws MalformedEntryException {
        if (!d.containsKey(key) || d.get(key) == null) {
            return null;
        }
        List<UUID> out = new ArrayList<>();
        for (String s : textList(d, key)) {
            if (!isUuid(s)) {
                throw new MalformedEntryException(key + " must hold UUID strings, not '" + s + "'");
            }
            out.add(UUID.fromString(s));
        }
        return out;
    }

    private static List<FieldConflict> conflicts(Document d) {
        List<FieldConflict> out = new ArrayList<>();
        if (d.get(CONFLICTS) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Document c && c.get("field") instanceof String f) {
                    out.add(new FieldConflict(f, toJava(c.get("before")), toJava(c.get("mine")), toJava(c.get("supabase"))));
                }
            }
        }
        return out;
    }

    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String typeName(Object v) {
        if (v instanceof Document) {
            return "an embedded document";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Double || v instanceof Integer || v instanceof Long) {
            return "a " + v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " (" + v + ")";
        }
        return "a " + v.getClass().getSimpleName();
    }

    private static String describe(Object v) {
        return v instanceof String s ? "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'" : typeName(v);
    }

    // ------------------------------------------------------------------ writing

    /** The document of an entry, as ShopTwin writes it (the fields of the contract first). */
    public static Document write(JournalEntry e) {
        Document d = new Document(ID, e.id())
                .append(TABLE, e.table().tableName())
                .append(OP, e.op().code())
                .append(ROW_ID, e.rowId().toString());
        if (e.op() != Op.DELETE) {
            d.append(FIELDS, toBson(e.fields()));
        }
        if (e.op() != Op.INSERT) {
            d.append(BEFORE, toBson(e.before()));
            if (e.baseVersion() != null) {
                d.append(BASE_VERSION, e.baseVersion());
            }
        }
        d.append(MADE_AT, Date.from(e.madeAt()))
                .append(MADE_BY, e.madeBy())
                .append(STATE, e.state().code());
        if (!e.follows().isEmpty()) {
            d.append(FOLLOWS, e.follows());
        }
        if (e.paymentsSeen() != null) {
            d.append(PAYMENTS_SEEN, e.paymentsSeen().stream().map(UUID::toString).toList());
        }
        if (e.customer() != null) {
            d.append(CUSTOMER, toBson(e.customer()));
        }
        return d;
    }

    /** Field values as the copy types them: BigDecimal as Decimal128, Instant as Date. */
    public static Document toBson(Map<String, Object> values) {
        Document d = new Document();
        values.forEach((k, v) -> d.append(k, toBson(v)));
        return d;
    }

    public static Object toBson(Object v) {
        if (v instanceof BigDecimal b) {
            return new Decimal128(b);
        }
        if (v instanceof Instant i) {
            return Date.from(i);
        }
        return v;
    }

    /** A copy value as Java: Decimal128 as BigDecimal, Date as Instant, numbers and strings as they are. */
    public static Object toJava(Object v) {
        if (v instanceof Decimal128 d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d.bigDecimalValue();
        }
        if (v instanceof Date date) {
            return date.toInstant();
        }
        return v;
    }

    /** The document of the conflicts of an entry, three values per field. */
    public static List<Document> conflictsToBson(List<FieldConflict> conflicts) {
        List<Document> out = new ArrayList<>();
        for (FieldConflict c : conflicts) {
            out.add(new Document("field", c.field()).append("before", toBson(c.before())).append("mine", toBson(c.mine()))
                    .append("supabase", toBson(c.supabase())));
        }
        return out;
    }
}
