package shoptwin.mirror;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import shoptwin.store.copy.DocumentMapper;
import shoptwin.store.copy.MirrorTable;

/** The change log in PostgreSQL (shoptwin.change_log) and the parked changes beside it. */
public final class ChangeLog {
    private final DataSource dataSource;

    public ChangeLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Backlog figures, read cheaply enough to refresh every few seconds. */
    public record Stats(long pending, Instant oldestPendingAt, long parked) {
    }

    /**
     * A batch read from the log, and the shop tables' column {@link DocumentMapper#fingerprint() fingerprint}
     * read right after it: every change in it was captured with columns no newer than those.
     */
    public record Batch(List<ChangeLogEntry> entries, long schemaFingerprint) {
    }

    /**
     * The oldest pending changes but those in {@code inFlight} (a batch being written), in id order, and the
     * columns' fingerprint read right after them, in the same round trip (two statements sent together): so the
     * mirror notices a column added, dropped, renamed or retyped before it maps the next change. The fingerprint
     * is read second, so it is never older than the columns any change in the batch was captured with (a writer
     * sees an altered table only once the alter committed). It is a statement of its own, without parameters,
     * so PostgreSQL keeps its plan: folded into the batch's parameterised query it cost ten times as much
     * (docs/benchmarks.md, "Following column changes"). Each change with who made it, its transaction and (a
     * delete) the row as it was.
     */
    public Batch readBatch(int limit, Collection<Long> inFlight) throws SQLException {
        String sql = "select id, table_name, op, row_id::text, row_data::text, changed_at, actor::text, xact, before::text "
                + "from shoptwin.change_log " + (inFlight.isEmpty() ? "" : "where id <> all(?) ") + "order by id limit ?; select "
                + DocumentMapper.FINGERPRINT_SQL;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!inFlight.isEmpty()) {
                ps.setArray(i++, c.createArrayOf("bigint", inFlight.toArray()));
            }
            ps.setInt(i, limit);
            List<ChangeLogEntry> out = new ArrayList<>();
            ps.execute();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    out.add(new ChangeLogEntry(rs.getLong(1), MirrorTable.ofTableName(rs.getString(2)),
                            ChangeLogEntry.Op.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getLong(8), rs.getString(9)));
                }
            }
            if (!ps.getMoreResults()) {
                throw new SQLException("the change log read returned no column fingerprint");
            }
            try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                    throw new SQLException("the change log read returned no column fingerprint");
                }
                return new Batch(out, rs.getLong(1));
            }
        }
    }

    /**
     * Removes changes MongoDB acknowledged (and their parked copies, if they came back from a retry), in one
     * round trip, on {@code leaderSession}: the leader's own session, holding the leader lock, the only one the
     * function {@code shoptwin.acknowledge_changes} accepts (the application role may not delete log rows itself).
     */
    public void acknowledge(Connection leaderSession, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = leaderSession.prepareStatement("select shoptwin.acknowledge_changes(?)")) {
            Array array = leaderSession.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.execute();
        }
    }

    /** Pending and parked changes per table, for restore's refusal (what a restore would overwrite unmirrored). */
    public Map<MirrorTable, long[]> pendingByTable() throws SQLException {
        Map<MirrorTable, long[]> out = new java.util.EnumMap<>(MirrorTable.class);
        String sql = "select table_name, count(*) filter (where src = 'log'), count(*) filter (where src = 'parked') from ("
                + "select table_name, 'log' as src from shoptwin.change_log union all "
                + "select table_name, 'parked' from shoptwin.parked_change where retried_at is null) x group by 1";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(MirrorTable.ofTableName(rs.getString(1)), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }

    /** Moves rejected changes out of the log into shoptwin.parked_change, in one transaction. */
    public void park(Map<Long, String> errorsById) throws SQLException {
        if (errorsById.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // a SECURITY DEFINER function: the application role may not write the change log itself
            try (PreparedStatement ps = c.prepareStatement("select shoptwin.park_change(?, ?)")) {
                for (Map.Entry<Long, String> e : errorsById.entrySet()) {
                    ps.setLong(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.execute();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public Stats stats() throws SQLException {
        String sql = "select (select count(*) from shoptwin.change_log), (select min(changed_at) from shoptwin.change_log), "
                + "(select count(*) from shoptwin.parked_change where retried_at is null)";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Stats(rs.getLong(1), oldest == null ? null : oldest.toInstant(), rs.getLong(3));
        }
    }

    /**
     * The smallest change id that may still be applied: the oldest in the log or parked and not yet
     * retried. Empty when there is none (then every change to come has a larger id than any applied).
     */
    public java.util.OptionalLong oldestUnappliedId() throws SQLException {
        String sql = "select least((select min(id) from shoptwin.change_log), "
                + "(select min(id) from shoptwin.parked_change where retried_at is null))";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(id);
        }
    }

    /** Parked changes waiting for a retry, oldest first. */
    public List<ParkedChange> parked(int limit) throws SQLException {
        String sql = "select id, table_name, op, row_id::text, changed_at, parked_at, attempts, error "
                + "from shoptwin.parked_change where retried_at is null order by id limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<ParkedChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ParkedChange(rs.getLong(1), MirrorTable.ofTableName(rs.getString(2)),
                            ChangeLogEntry.Op.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(),
                            rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getString(8)));
                }
            }
            return out;
        }
    }

    /**
     * Moves parked changes back into the change log with their original ids (so the per-row
     * ordering guard still holds) and wakes the mirror. {@code ids} empty means all of them.
     * Returns how many went back.
     */
    public int retryParked(Collection<Long> ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select shoptwin.retry_parked_changes(?::bigint[])")) {
            if (ids.isEmpty()) {
                ps.setNull(1, java.sql.Types.ARRAY);
            } else {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
