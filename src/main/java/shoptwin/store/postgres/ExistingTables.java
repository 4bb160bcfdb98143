package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Whether the shop tables in a database are ShopTwin's, or a web app's that ShopTwin has not adopted yet. */
final class ExistingTables {
    /** The shop tables, in schema public, parents first. */
    static final List<String> SHOP_TABLES = List.of("shop", "customers", "payments");

    private ExistingTables() {
    }

    /**
     * The shop tables (as {@code public.customers}, ...) that exist while ShopTwin's migration history
     * records no schema version: someone else created them. Empty when ShopTwin created or adopted them,
     * or when none exists.
     */
    static List<String> notCreatedByShopTwin(Connection c) throws SQLException {
        return recordedByShopTwin(c) ? List.of() : present(c);
    }

    /** The shop tables that exist (any kind of relation), as public.name. */
    static List<String> present(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = 'public' and c.relname = any(?) and c.relkind in ('r', 'p', 'v', 'm', 'f')"
                + " order by array_position(?, c.relname::text)")) {
            java.sql.Array names = c.createArrayOf("text", SHOP_TABLES.toArray());
            ps.setArray(1, names);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("public." + rs.getString(1));
                }
            }
        }
        return out;
    }

    /** True once ShopTwin's Flyway history records an applied version (a migration or an adoption's baseline). */
    static boolean recordedByShopTwin(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('" + Database.SCHEMA + ".flyway_schema_history') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select exists (select from " + Database.SCHEMA + ".flyway_schema_history where success and version is not null)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** "public.customers and public.shop", "public.customers, public.payments and public.shop". */
    static String names(List<String> tables) {
        if (tables.size() <= 1) {
            return String.join("", tables);
        }
        return String.join(", ", tables.subList(0, tables.size() - 1)) + " and " + tables.get(tables.size() - 1);
    }
}
