package shoptwin.store.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import shoptwin.testing.TestDatabases;

/** Test helpers: a freshly migrated database, row counts and the change log as plain SQL sees them. */
final class ShopTables {
    private ShopTables() {
    }

    static Database migratedDatabase() {
        Database db = new Database(TestDatabases.freshPostgres(), 4);
        db.migrate();
        return db;
    }

    static long count(Database db, String table) {
        return queryLong(db, "select count(*) from " + table);
    }

    static long queryLong(Database db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(Database db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One change-log row. */
    record Change(long id, String table, String op, String rowId, String rowData) {
    }

    static List<Change> changes(Database db) {
        List<Change> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, table_name, op, row_id::text, row_data::text from shoptwin.change_log order by id")) {
            while (rs.next()) {
                out.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
