package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-over of the copy's write lock between two live writers (the mirror and a resync, two consoles). Found in
 * a CI run where ResyncVerifyTest's mirror timed out: {@code end_copy_write} releases the advisory lock inside its
 * statement, before its transaction commits the cleared deadline, so the next writer, let in at once, read the
 * previous writer's deadline as still set and slept it out (8-10 s after every resync chunk and every mirror batch
 * in between) as if that writer had died mid-write.
 */
class CopyWriterHandoffTest {

    @Test
    void aWriterThatEndedCleanlyIsNotWaitedForEvenWhenTheNextOneGetsTheLockBeforeItsCommit() throws Exception {
        try (MirrorFixture f = new MirrorFixture();
             Connection first = f.db.openSessionConnection();
             Connection next = f.db.openSessionConnection()) {
            begin(first, 10_000);
            // the first writer ends inside a transaction kept open: its lock is free, its cleared deadline not yet committed
            first.setAutoCommit(false);
            try (PreparedStatement ps = first.prepareStatement("select shoptwin.end_copy_write(?)")) {
                ps.setLong(1, MirrorLocks.WRITE_KEY);
                ps.execute();
            }
            int nextPid = pid(next);
            CompletableFuture<Integer> waited = CompletableFuture.supplyAsync(() -> {
                try {
                    return begin(next, 10_000);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // the next writer is past the advisory lock: waiting on the first one's row, or sleeping out its deadline
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String event = waitEvent(f, nextPid);
                return event != null && !event.equals("advisory");
            });
            first.commit();
            assertThat(waited.get(30, TimeUnit.SECONDS)).as("ms the next writer waited for one that had ended").isZero();
        }
    }

    @Test
    void aWriterWhoseSessionDiedMidWriteIsStillWaitedOut() throws Exception {
        try (MirrorFixture f = new MirrorFixture(); Connection next = f.db.openSessionConnection()) {
            Connection dying = f.db.openSessionConnection();
            begin(dying, 1_500);
            dying.close(); // its writes could still be running in MongoDB until its deadline
            assertThat(begin(next, 10_000)).as("ms waited for the dead writer's deadline").isBetween(500, 1_600);
        }
    }

    private static int begin(Connection session, int deadlineMs) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(
                "select waited_ms from shoptwin.begin_copy_write(?, null, null, false, false, ?, 10)")) {
            ps.setLong(1, MirrorLocks.WRITE_KEY);
            ps.setInt(2, deadlineMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** What the backend waits on ("advisory", "transactionid", "PgSleep"), or null when it runs or is idle. */
    private static String waitEvent(MirrorFixture f, int pid) {
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select wait_event from pg_stat_activity where pid = ? and state = 'active'")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
