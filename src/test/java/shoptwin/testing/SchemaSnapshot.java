package shoptwin.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import shoptwin.config.PostgresSettings;

/**
 * What a migrated schema consists of, as PostgreSQL itself prints it, for comparing two databases:
 * functions (whole definitions), columns, constraints, indexes, triggers, row level security and policies
 * of schemas public and shoptwin. Flyway's own history table is left out (it records how, not what).
 */
public final class SchemaSnapshot {
    private static final String SCHEMAS = "('public', 'shoptwin')";
    private static final String NOT_HISTORY = "c.relname <> 'flyway_schema_history'";

    private SchemaSnapshot() {
    }

    /** Each part by name, each a sorted list of definitions. */
    public static Map<String, List<String>> of(PostgresSettings db) {
        Map<String, List<String>> parts = new TreeMap<>();
        parts.put("functions", functions(db));
        parts.put("columns", Sql.column(db, "select n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || case when a.attnotnull then ' not null' else '' end || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
                + " || case when a.attgenerated = 's' then ' generated' else '' end"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " where n.nspname in " + SCHEMAS + " and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and " + NOT_HISTORY
                + " order by 1"));
        parts.put("constraints", Sql.column(db, "select n.nspname || '.' || c.relname || ' ' || k.conname || ': ' || pg_get_constraintdef(k.oid)"
                + " || case when k.convalidated then '' else ' (not valid)' end"
                + " from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname in " + SCHEMAS + " and " + NOT_HISTORY + " order by 1"));
        parts.put("indexes", Sql.column(db, "select pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname in " + SCHEMAS + " and " + NOT_HISTORY + " order by 1"));
        parts.put("triggers", Sql.column(db, "select pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = t.tgrelid"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname in " + SCHEMAS + " and not t.tgisinternal order by 1"));
        parts.put("row level security", Sql.column(db, "select n.nspname || '.' || c.relname || ' ' || c.relrowsecurity || ' ' || c.relforcerowsecurity"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname in " + SCHEMAS + " and c.relkind in ('r', 'p') and " + NOT_HISTORY + " order by 1"));
        parts.put("policies", Sql.column(db, "select schemaname || '.' || tablename || ' ' || policyname || ' ' || cmd || ' ' || roles::text"
                + " || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '') from pg_policies where schemaname in " + SCHEMAS + " order by 1"));
        parts.put("sequences", Sql.column(db, "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname in " + SCHEMAS + " and c.relkind = 'S' order by 1"));
        return parts;
    }

    /** Every function and procedure in schema shoptwin, whole (pg_get_functiondef). */
    public static List<String> functions(PostgresSettings db) {
        return Sql.column(db, "select pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                + " where n.nspname = 'shoptwin' and p.prokind in ('f', 'p')"
                + " and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e') order by p.proname");
    }
}
