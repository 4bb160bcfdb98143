package shoptwin.store.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.Document;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import shoptwin.store.copy.ColumnType;
import shoptwin.store.copy.CopyFormat;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;

/**
 * Many rows into the shop's empty tables at once, inside the caller's transaction: a restore into a new project
 * ({@code restore --as-of} into an empty database). Row by row, every restored row would pay the tables'
 * triggers (stamping, the change log, the customer's totals), a million times over; here:
 * <ul>
 * <li>the tables' own triggers are switched off for the transaction, as {@code pg_restore --disable-triggers} does
 * ({@link #triggersOff}; {@code ALTER TABLE} is transactional, so a rollback or a lost connection leaves them on,
 * and its lock keeps every other writer out of the table until the commit: no other change goes uncaptured).
 * Foreign keys are still checked (their triggers are PostgreSQL's own, not switched off);</li>
 * <li>each table gets one {@code COPY ... FROM STDIN} of the rows' SQL text ({@link #copy}), the same text
 * {@link RowStatements} binds to a parameter cast to the column's type (both go through the type's input);</li>
 * <li>what the triggers would have kept is made once at the end: the customers' totals rebuilt
 * ({@link #rebuildTotals}), identity and serial sequences moved past the rows ({@link #advanceSequences}).
 * Nothing is written to the change log: the copy already holds these rows (the restore says to run
 * {@code resync --rebase}).</li>
 * </ul>
 * Only the tables' owner may switch their triggers off: {@link #possible} says whether this connection can, that
 * no table forces row-level security on its owner (COPY refuses it), and whether every column can be loaded this
 * way (a composite column is written through {@code jsonb_populate_record}, which COPY cannot do); otherwise the
 * caller writes row by row.
 */
public final class TableLoad {
    private static final int FLUSH_ROWS = 2_000;

    private TableLoad() {
    }

    /** Whether this connection owns every table and every column's SQL text can be copied in as it is. */
    public static boolean possible(Connection c, DocumentMapper mapper, Collection<MirrorTable> tables) throws SQLException {
        for (MirrorTable t : tables) {
            if (columns(mapper, t).stream().anyMatch(col -> col.type() == ColumnType.COMPOSITE && !col.isArray())) {
                return false;
            }
        }
        // COPY FROM refuses a table whose row-level security applies to its writer: with FORCE ROW LEVEL SECURITY it
        // applies to the owner too (plain ENABLE, as V38 sets, does not)
        try (PreparedStatement ps = c.prepareStatement("select coalesce(bool_and(pg_catalog.pg_has_role(c.relowner, 'USAGE')"
                + " and not c.relforcerowsecurity), false) from pg_catalog.pg_class c where c.oid = any(?::regclass[])")) {
            ps.setArray(1, c.createArrayOf("text", tables.stream().map(MirrorTable::qualifiedTableName).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Switches off the table's enabled user triggers for the rest of the transaction; returns what
     * {@link #triggersOn} needs to switch each back exactly as it was (origin, replica or always).
     */
    public static List<String> triggersOff(Connection c, MirrorTable table) throws SQLException {
        List<String> restoreEach = new ArrayList<>();
        List<String> off = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select t.tgname, t.tgenabled from pg_catalog.pg_trigger t "
                + "where t.tgrelid = ?::regclass and not t.tgisinternal and t.tgenabled <> 'D' order by t.tgname")) {
            ps.setString(1, table.qualifiedTableName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = RowStatements.quote(rs.getString(1));
                    off.add("disable trigger " + name);
                    restoreEach.add(switch (rs.getString(2)) {
                        case "R" -> "enable replica trigger " + name;
                        case "A" -> "enable always trigger " + name;
                        default -> "enable trigger " + name;
                    });
                }
            }
        }
        alter(c, table, off);
        return restoreEach;
    }

    /** Switches back on what {@link #triggersOff} switched off. */
    public static void triggersOn(Connection c, MirrorTable table, List<String> restoreEach) throws SQLException {
        alter(c, table, restoreEach);
    }

    private static void alter(Connection c, MirrorTable table, List<String> actions) throws SQLException {
        if (actions.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table " + table.qualifiedTableName() + " " + String.join(", ", actions));
        }
    }

    /** Copies the documents into the table, every column the table writes (a field a document lacks is NULL); returns the rows. */
    public static long copy(Connection c, DocumentMapper mapper, MirrorTable table, Iterable<Document> rows) throws SQLException {
        List<DocumentMapper.Column> columns = columns(mapper, table);
        String sql = "copy " + table.qualifiedTableName() + " (" + columns.stream().map(col -> RowStatements.quote(col.name()))
                .collect(Collectors.joining(", ")) + ") from stdin";
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder text = new StringBuilder(1 << 16);
            int pending = 0;
            for (Document doc : rows) {
                line(text, table, columns, doc);
                if (++pending == FLUSH_ROWS) {
                    send(in, text);
                    pending = 0;
                }
            }
            send(in, text);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy(); // a value that does not fit: nothing of the table's COPY is kept
            }
        }
    }

    /** One row in COPY's text format: tab between columns, \N for NULL, backslash, tab and line ends escaped. */
    static void line(StringBuilder out, MirrorTable table, List<DocumentMapper.Column> columns, Document doc) {
        boolean first = true;
        for (DocumentMapper.Column col : columns) {
            if (!first) {
                out.append('\t');
            }
            first = false;
            String value;
            try {
                value = DocumentMapper.sqlText(doc, col);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(table.collectionName() + " " + doc.get(CopyFormat.ID) + ": " + e.getMessage(), e);
            }
            if (value == null) {
                out.append("\\N");
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    private static void send(CopyIn in, StringBuilder text) throws SQLException {
        if (text.length() == 0) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** The customers' totals made again from the payments (what the totals triggers keep row by row). */
    public static void rebuildTotals(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select shoptwin.rebuild_customer_totals()");
        }
    }

    /**
     * Moves the sequence of each identity or serial column past the largest value in the table, so that the next
     * row the shop adds does not take a restored row's number.
     */
    public static void advanceSequences(Connection c, MirrorTable table) throws SQLException {
        List<String[]> sequences = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname, pg_catalog.pg_get_serial_sequence(?, a.attname) "
                + "from pg_catalog.pg_attribute a where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped "
                + "and pg_catalog.pg_get_serial_sequence(?, a.attname) is not null")) {
            ps.setString(1, table.qualifiedTableName());
            ps.setString(2, table.qualifiedTableName());
            ps.setString(3, table.qualifiedTableName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] s : sequences) {
            try (PreparedStatement ps = c.prepareStatement("select pg_catalog.setval(q.seq, x.m) from (select ?::regclass seq) q, "
                    + "(select max(" + RowStatements.quote(s[0]) + ")::bigint m from " + table.qualifiedTableName() + ") x "
                    + "where x.m is not null and x.m > coalesce(pg_catalog.pg_sequence_last_value(q.seq), 0)")) {
                ps.setString(1, s[1]);
                ps.execute();
            }
        }
    }

    private static List<DocumentMapper.Column> columns(DocumentMapper mapper, MirrorTable table) {
        return mapper.columns(table).stream().filter(col -> !col.generated()).toList();
    }
}
