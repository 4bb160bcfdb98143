package shoptwin.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import shoptwin.config.PostgresSettings;
import shoptwin.store.copy.MirrorTable;

/** Plain SQL on a test database, on a connection of its own (as the SQL editor or another app would). */
public final class Sql {
    private Sql() {
    }

    public static Connection connect(PostgresSettings db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Runs the statements in order, each in its own transaction. */
    public static void run(PostgresSettings db, String... statements) {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of the first row, as text (null when there is no row). */
    public static String one(PostgresSettings db, String query) {
        List<String> rows = column(db, query);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static long count(PostgresSettings db, String query) {
        return Long.parseLong(one(db, query));
    }

    /** The first column of every row, as text. */
    public static List<String> column(PostgresSettings db, String query) {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Every row of the shop's tables as PostgreSQL renders it (row_to_json), in id order, then the customers' totals
     * (what the Total paid and Last paid sorts read: kept by triggers, rebuilt by a bulk restore): a dump to compare.
     */
    public static List<String> shopDump(PostgresSettings db) {
        List<String> rows = new ArrayList<>();
        for (MirrorTable t : MirrorTable.IN_DEPENDENCY_ORDER) {
            rows.addAll(column(db, "select '" + t.tableName() + " ' || row_to_json(t)::text from " + t.qualifiedTableName() + " t order by id"));
        }
        rows.addAll(column(db, "select 'totals ' || row_to_json(k)::text from shoptwin.customer_totals k order by customer_id"));
        return rows;
    }
}
