package shoptwin.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The mirror's PostgreSQL advisory locks (session level, on a connection outside the pool).
 * LEADER: held by the one console that mirrors the database. WRITE: held around each guarded
 * MongoDB write (a mirror batch, a resync chunk), so that reading versions and writing is atomic
 * among ShopTwin's writers.
 */
final class MirrorLocks {
    /** "SHOPTWIN" in ASCII. */
    static final long LEADER_KEY = 0x53484F505457494EL;
    static final long WRITE_KEY = LEADER_KEY + 1;

    private MirrorLocks() {
    }

    static boolean tryLock(Connection session, long key) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void lock(Connection session, long key) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("select pg_advisory_lock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        }
    }

    static void unlock(Connection session, long key) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        }
    }

    /**
     * Takes the write lock and returns the copy's epoch (migration V14), in one round trip: the mirror
     * forgets the versions it remembered when the epoch moved since its last batch.
     */
    static long lockForWrite(Connection session) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("select shoptwin.lock_copy_for_write(?)")) {
            ps.setLong(1, WRITE_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** For a writer of the copy other than the mirror, under the write lock, before it writes. */
    static void moveEpoch(Connection session) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("select nextval('shoptwin.copy_epoch')")) {
            ps.execute();
        }
    }

    /** Runs {@code work} holding the write lock on {@code session}. */
    static <T> T withWriteLock(Connection session, SqlWork<T> work) throws SQLException {
        lock(session, WRITE_KEY);
        return underWriteLock(session, work);
    }

    /**
     * Runs {@code work}, then releases the write lock the caller took on {@code session} (also on failure), saying
     * in the same round trip that this writer's MongoDB writes are over ({@code shoptwin.end_copy_write}), so that
     * the next writer need not wait for its deadline.
     */
    static <T> T underWriteLock(Connection session, SqlWork<T> work) throws SQLException {
        T result;
        try {
            result = work.run();
        } catch (SQLException | RuntimeException e) {
            try {
                endWrite(session);
            } catch (SQLException unlockFailed) {
                e.addSuppressed(unlockFailed); // the session is gone: PostgreSQL released the lock with it
            }
            throw e;
        }
        endWrite(session);
        return result;
    }

    private static void endWrite(Connection session) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("select shoptwin.end_copy_write(?)")) {
            ps.setLong(1, WRITE_KEY);
            ps.execute();
        }
    }

    interface SqlWork<T> {
        T run() throws SQLException;
    }
}
