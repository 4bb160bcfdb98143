package shoptwin.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import shoptwin.config.PostgresSettings;

/**
 * A backup of a whole test database and its restore over the live one, the way a shop's Supabase project
 * goes back in time (a point-in-time restore, a restore of a daily backup, {@code pg_restore --clean} of an
 * older dump): every table, the change log and its id sequence return to the moment of the backup, and
 * every session is cut.
 *
 * <p>Made with {@code create database ... template}: a byte-for-byte copy of the database at that moment.
 * Debian's {@code pg_dump}/{@code pg_restore} 15 on this machine refuse to dump the embedded PostgreSQL 17
 * ("aborting because of server version mismatch"), and the embedded distribution ships no pg_dump; a template
 * copy is what a dump and restore of the whole database produce, sequences included.
 */
public final class DatabaseSnapshots {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private DatabaseSnapshots() {
    }

    /** A backup of {@code db} as it is now; sessions connected to it are cut (they reconnect). Returns its name. */
    public static String take(PostgresSettings db) {
        String name = nameOf(db) + "_backup" + COUNTER.incrementAndGet();
        withoutSessions(db, s -> s.execute("create database " + name + " template " + nameOf(db)));
        return name;
    }

    /** Replaces {@code db} by {@code backup} (taken by {@link #take}), as a restore over the live project does. */
    public static void restoreOver(PostgresSettings db, String backup) {
        String name = nameOf(db);
        withoutSessions(db, s -> {
            s.execute("drop database " + name);
            s.execute("create database " + name + " template " + backup + " owner " + SupabaseShape.OWNER);
            SupabaseShape.finish(s, name);
        });
    }

    private interface Work {
        void run(Statement s) throws SQLException;
    }

    /** Runs {@code work} as the superuser, in the cluster's postgres database, while nobody can connect to {@code db}. */
    private static void withoutSessions(PostgresSettings db, Work work) {
        PostgresSettings admin = TestDatabases.asSuperuser(db);
        String name = nameOf(db);
        String url = db.jdbcUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/postgres");
        try (Connection c = DriverManager.getConnection(url, admin.user(), admin.password()); Statement s = c.createStatement()) {
            s.execute("alter database " + name + " allow_connections false");
            try {
                // pools and the mirror's session reconnect at once: cut until none is left
                for (int i = 0; i < 200; i++) {
                    s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "' and pid <> pg_backend_pid()");
                    try (var rs = s.executeQuery("select count(*) from pg_stat_activity where datname = '" + name + "'")) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            break;
                        }
                    }
                }
                work.run(s);
            } finally {
                s.execute("alter database " + name + " allow_connections true");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot back up or restore " + name + ": " + e.getMessage(), e);
        }
    }

    static String nameOf(PostgresSettings db) {
        String path = db.jdbcUrl().replaceFirst("^jdbc:postgresql://[^/]+/", "");
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
