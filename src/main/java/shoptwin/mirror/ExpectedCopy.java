package shoptwin.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import shoptwin.store.copy.MirrorTable;

/**
 * What the copy must hold for each row, read independently of the mirror: the columns and their types from
 * PostgreSQL's catalog (pg_attribute, pg_type: domains resolved to their base type, arrays to their element
 * type, enums as their labels), each value as PostgreSQL itself renders it as text, decoded by
 * {@link RenderedValue}. Verify compares the copy with this; none of it is the mapper's code
 * ({@code store.copy.DocumentMapper}), so a mapping mistake cannot hide on both sides.
 */
final class ExpectedCopy {
    /** The settings every reader pins, so that a value's text does not depend on the session (docs/mirror.md). */
    static final String[] SESSION = {
        "set local timezone = 'UTC'", "set local datestyle = 'ISO, YMD'", "set local intervalstyle = 'iso_8601'",
        "set local extra_float_digits = 1", "set local bytea_output = 'hex'"};

    record Column(String name, RenderedValue.Kind kind, RenderedValue.Kind element) {
    }

    private final Map<MirrorTable, List<Column>> columns;

    private ExpectedCopy(Map<MirrorTable, List<Column>> columns) {
        this.columns = columns;
    }

    /** Reads the mirrored tables' columns from the catalog, in the transaction of {@code c}, and pins its session settings. */
    static ExpectedCopy read(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String set : SESSION) {
                s.execute(set);
            }
        }
        Map<Long, long[]> types = new HashMap<>(); // oid -> {typelem, typbasetype, typtype, typcategory}
        Map<Long, String> typeNames = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select oid, typname, typelem, typbasetype, typtype, typcategory from pg_type")) {
            while (rs.next()) {
                types.put(rs.getLong(1), new long[] {rs.getLong(3), rs.getLong(4), rs.getString(5).charAt(0), rs.getString(6).charAt(0)});
                typeNames.put(rs.getLong(1), rs.getString(2));
            }
        }
        Map<MirrorTable, List<Column>> out = new HashMap<>();
        String sql = "select a.attname, a.atttypid from pg_attribute a join pg_class c on c.oid = a.attrelid "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relname = ? "
                + "and a.attnum > 0 and not a.attisdropped order by a.attnum";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (MirrorTable t : MirrorTable.values()) {
                ps.setString(1, t.tableName());
                List<Column> cols = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long oid = base(rs.getLong(2), types);
                        long[] info = types.get(oid);
                        if (info[3] == 'A') {
                            cols.add(new Column(rs.getString(1), RenderedValue.Kind.ARRAY, kindOf(base(info[0], types), types, typeNames)));
                        } else {
                            cols.add(new Column(rs.getString(1), kindOf(oid, types, typeNames), null));
                        }
                    }
                }
                if (cols.isEmpty()) {
                    throw new SQLException("table " + t.qualifiedTableName() + " not found: run `shoptwin migrate` first");
                }
                out.put(t, List.copyOf(cols));
            }
        }
        return new ExpectedCopy(out);
    }

    /** A domain's base type, all the way down. */
    private static long base(long oid, Map<Long, long[]> types) {
        long[] info = types.get(oid);
        while (info != null && info[2] == 'd') {
            oid = info[1];
            info = types.get(oid);
        }
        return oid;
    }

    private static RenderedValue.Kind kindOf(long oid, Map<Long, long[]> types, Map<Long, String> names) {
        long[] info = types.get(oid);
        if (info != null && info[2] == 'e') {
            return RenderedValue.Kind.STRING; // an enum: its label
        }
        if (info != null && info[2] == 'c') {
            return RenderedValue.Kind.COMPOSITE; // to_jsonb gives a composite as an object
        }
        return switch (names.getOrDefault(oid, "")) {
            case "int2", "int4" -> RenderedValue.Kind.INT32;
            case "int8" -> RenderedValue.Kind.INT64;
            case "numeric" -> RenderedValue.Kind.DECIMAL;
            case "float4", "float8" -> RenderedValue.Kind.FLOAT;
            case "bool" -> RenderedValue.Kind.BOOLEAN;
            case "date" -> RenderedValue.Kind.DATE;
            case "timestamptz" -> RenderedValue.Kind.TIMESTAMPTZ;
            case "timestamp" -> RenderedValue.Kind.TIMESTAMP;
            case "json", "jsonb" -> RenderedValue.Kind.JSON;
            case "bytea" -> RenderedValue.Kind.BINARY;
            // text, varchar, bpchar, citext, name, uuid, time, timetz, interval, and every other type: the text
            default -> RenderedValue.Kind.STRING;
        };
    }

    List<Column> columns(MirrorTable table) {
        return columns.get(table);
    }

    /** The query that reads {@code table} for {@link #document}: the id, then every column as text, in id order. */
    String select(MirrorTable table) {
        String cols = columns.get(table).stream().map(ExpectedCopy::rendered).collect(Collectors.joining(", "));
        return "select id::text, " + cols + " from " + table.qualifiedTableName() + " order by id::text collate \"C\"";
    }

    /** The document the copy must hold for the current row of {@link #select}'s result (without bookkeeping). */
    Document document(MirrorTable table, ResultSet rs) throws SQLException {
        Document d = new Document(shoptwin.store.copy.CopyFormat.ID, rs.getString(1));
        List<Column> cols = columns.get(table);
        for (int i = 0; i < cols.size(); i++) {
            Column col = cols.get(i);
            if (col.name().equals("id")) {
                continue;
            }
            String text = rs.getString(i + 2);
            d.put(col.name(), text == null ? null : RenderedValue.decode(col.kind(), col.element(), text));
        }
        return d;
    }

    /**
     * A column as PostgreSQL renders it: most with a cast to text; a column kept as a string by its type's own
     * output function, which a cast to text is not for every type (char(n) drops its padding, inet adds /32);
     * a composite as its JSON object.
     */
    private static String rendered(Column c) {
        String name = quote(c.name());
        return switch (c.kind()) {
            case STRING -> "to_jsonb(" + name + ") #>> '{}'";
            case COMPOSITE -> "to_jsonb(" + name + ")::text";
            default -> name + "::text";
        };
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
