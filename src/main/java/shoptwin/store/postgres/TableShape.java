package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table as PostgreSQL's catalog describes it, in PostgreSQL's own words (format_type,
 * pg_get_constraintdef, pg_get_indexdef, pg_get_triggerdef): what adopting compares, ShopTwin's freshly
 * migrated table against the web app's.
 */
record TableShape(String name, long oid, char kind, String owner, boolean ownedByCurrentUser, boolean rowLevelSecurity,
                  List<Column> columns, List<Constraint> constraints, List<Index> indexes, List<Trigger> triggers,
                  List<Policy> policies) {

    /** {@code type} as format_type prints it; {@code generated} the expression of a stored generated column. */
    record Column(String name, String type, boolean notNull, String defaultExpression, String generated, boolean identity) {
    }

    /** {@code type}: c check, f foreign key, p primary key, u unique, x exclusion. {@code expression}: a check's condition. */
    record Constraint(String name, char type, String definition, String expression, List<String> columns, boolean validated) {
    }

    record Index(String name, String definition, boolean backsConstraint) {
        /** What the index does, whatever it and its table are called: "UNIQUE USING btree (lower(email))". */
        String meaning() {
            return definition.replaceFirst("^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ", "$1");
        }
    }

    /** The same table with its indexes under other names ({@code renamed}: current name → the name to show). */
    TableShape withIndexNames(java.util.Map<String, String> renamed) {
        List<Index> named = indexes.stream().map(i -> renamed.containsKey(i.name())
                ? new Index(renamed.get(i.name()), i.definition(), i.backsConstraint()) : i).toList();
        return new TableShape(name, oid, kind, owner, ownedByCurrentUser, rowLevelSecurity, columns, constraints, named,
                triggers, policies);
    }

    /** {@code function}: the trigger function's name (stamp_row, capture_change, ...). */
    record Trigger(String name, String definition, String function) {
    }

    record Policy(String name, boolean permissive, String command, List<String> roles, String using, String withCheck) {
        /** The statement that creates it on {@code table}. */
        String createOn(String table) {
            return "create policy " + quote(name) + " on " + table + (permissive ? "" : " as restrictive") + " for " + command
                    + " to " + String.join(", ", roles) + (using == null ? "" : " using (" + using + ")")
                    + (withCheck == null ? "" : " with check (" + withCheck + ")");
        }
    }

    static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    Optional<Constraint> primaryKey() {
        return constraints.stream().filter(c -> c.type() == 'p').findFirst();
    }

    /** Reads {@code qualified} (public.customers); empty if there is no such relation. */
    static Optional<TableShape> read(Connection c, String qualified) throws SQLException {
        long oid;
        char kind;
        String owner;
        boolean ours;
        boolean rls;
        try (PreparedStatement ps = c.prepareStatement("select c.oid, c.relkind, pg_get_userbyid(c.relowner),"
                + " pg_has_role(current_user, c.relowner, 'MEMBER'), c.relrowsecurity from pg_class c where c.oid = to_regclass(?)")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                kind = rs.getString(2).charAt(0);
                owner = rs.getString(3);
                ours = rs.getBoolean(4);
                rls = rs.getBoolean(5);
            }
        }
        return Optional.of(new TableShape(qualified, oid, kind, owner, ours, rls, columns(c, oid), constraints(c, oid),
                indexes(c, oid), triggers(c, oid), policies(c, oid)));
    }

    private static List<Column> columns(Connection c, long oid) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,"
                + " case when a.attgenerated = 's' then pg_get_expr(d.adbin, d.adrelid) end, a.attidentity <> ''"
                + " from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " where a.attrelid = ? and a.attnum > 0 and not a.attisdropped order by a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6)));
                }
            }
        }
        return out;
    }

    private static List<Constraint> constraints(Connection c, long oid) throws SQLException {
        List<Constraint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select k.conname, k.contype, pg_get_constraintdef(k.oid),"
                + " case when k.contype = 'c' then pg_get_expr(k.conbin, k.conrelid) end,"
                + " array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i)"
                + "       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i), k.convalidated"
                + " from pg_constraint k where k.conrelid = ? and k.contype in ('c', 'f', 'p', 'u', 'x') order by k.conname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Constraint(rs.getString(1), rs.getString(2).charAt(0), rs.getString(3), rs.getString(4),
                            List.of((String[]) rs.getArray(5).getArray()), rs.getBoolean(6)));
                }
            }
        }
        return out;
    }

    private static List<Index> indexes(Connection c, long oid) throws SQLException {
        List<Index> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select ic.relname, pg_get_indexdef(i.indexrelid),"
                + " exists (select from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)"
                + " from pg_index i join pg_class ic on ic.oid = i.indexrelid where i.indrelid = ? order by ic.relname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return out;
    }

    private static List<Trigger> triggers(Connection c, long oid) throws SQLException {
        List<Trigger> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select t.tgname, pg_get_triggerdef(t.oid), p.proname from pg_trigger t"
                + " join pg_proc p on p.oid = t.tgfoid where t.tgrelid = ? and not t.tgisinternal order by t.tgname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Trigger(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static List<Policy> policies(Connection c, long oid) throws SQLException {
        List<Policy> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select p.polname, p.polpermissive, case p.polcmd when 'r' then 'select' when 'a' then 'insert'"
                + " when 'w' then 'update' when 'd' then 'delete' else 'all' end,"
                + " array(select case when r = 0 then 'public' else quote_ident(pg_get_userbyid(r)) end from unnest(p.polroles) r),"
                + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
                + " from pg_policy p where p.polrelid = ? order by p.polname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Policy(rs.getString(1), rs.getBoolean(2), rs.getString(3), List.of((String[]) rs.getArray(4).getArray()),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }
}
