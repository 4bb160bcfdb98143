package shoptwin.mirror;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.mirror.MirrorHealth.Leader;
import shoptwin.mirror.MirrorHealth.MirrorError;
import shoptwin.mirror.MirrorHealth.State;
import shoptwin.store.postgres.Database;

/**
 * The one mirror per database: the PostgreSQL advisory leader lock, held on a session connection of its
 * own (LISTEN and the lock are session state), and the leader's row in {@code shoptwin.mirror_leader},
 * whose SQL lives here and nowhere else: who leads since when (for the standbys and
 * {@code shoptwin status}), its heartbeat, and {@code wake_by_notify}, which tells writers whether to
 * NOTIFY (migration V13). When the leader's process or connection dies, PostgreSQL releases the lock
 * and a standby takes over.
 */
final class PostgresLeadership implements Leadership {
    // the mirror's [DB Sync] lines come from one logger, whichever part of it writes them
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);
    /** An unchanged state is published again this often, so that standbys and {@code status} see the leader alive. */
    static final Duration HEARTBEAT_EVERY = HealthTracker.STATS_EVERY.multipliedBy(2);

    private final Database database;
    private final String host;
    private final MirrorHealth.Kind kind;
    private final long pid = ProcessHandle.current().pid();
    private final UUID instanceId = UUID.randomUUID();
    private final UnaryOperator<String> mask;

    private Connection session;
    private boolean leading;
    private Optional<Leader> known = Optional.empty();
    private boolean polling;
    private State heartbeatState;
    private Optional<MirrorHealth.CopyUpdate> heartbeatCopyUpdate = Optional.empty();
    private Instant heartbeatAt = Instant.EPOCH;
    private boolean heartbeatHadSuccess;

    /**
     * {@code host}: the name standbys show for this console (null: this machine's host name); {@code kind}: a
     * console or the headless service, recorded with the leader's row (migration V44).
     */
    PostgresLeadership(Database database, String host, MirrorHealth.Kind kind, UnaryOperator<String> mask) {
        this.database = database;
        this.host = host != null ? host : localHostName();
        this.kind = kind;
        this.mask = mask;
    }

    @Override
    public boolean isLeading() {
        return leading;
    }

    @Override
    public Connection session() {
        return session;
    }

    @Override
    public Optional<Leader> leader() {
        return known;
    }

    @Override
    public boolean polling() {
        return polling;
    }

    @Override
    public boolean tryToLead() throws SQLException {
        if (session == null) {
            session = database.openSessionConnection();
            try (Statement s = session.createStatement()) {
                s.execute("listen shoptwin_change");
            }
            leading = false;
        }
        if (leading) {
            return true;
        }
        if (!MirrorLocks.tryLock(session, MirrorLocks.LEADER_KEY)) {
            known = readLeader();
            return false;
        }
        leading = true;
        Instant since;
        // a new leader asks writers to notify again, whatever the one before it said
        try (PreparedStatement ps = session.prepareStatement(
                "insert into shoptwin.mirror_leader (singleton, instance_id, host, pid, backend_pid, since, wake_by_notify, kind) "
                        + "values (true, ?, ?, ?, pg_backend_pid(), now(), true, ?) on conflict (singleton) do update set "
                        + "instance_id = excluded.instance_id, host = excluded.host, pid = excluded.pid, "
                        + "backend_pid = excluded.backend_pid, since = excluded.since, wake_by_notify = true, "
                        + "kind = excluded.kind returning since")) {
            ps.setObject(1, instanceId);
            ps.setString(2, host);
            ps.setLong(3, pid);
            ps.setString(4, kind == null ? null : kind.code());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                since = rs.getTimestamp(1).toInstant();
            }
        }
        known = Optional.of(new Leader(host, pid, since, true, kind));
        log.info("[DB Sync] {} ({} pid {}) now mirrors PostgreSQL to MongoDB",
                kind == MirrorHealth.Kind.SERVICE ? "The mirror service" : "This console", host, pid);
        return true;
    }

    private Optional<Leader> readLeader() throws SQLException {
        String sql = "select host, pid, since, instance_id = ?, exists (select 1 from pg_locks l where l.locktype = 'advisory' "
                + "and l.granted and l.pid = m.backend_pid), kind from shoptwin.mirror_leader m";
        try (PreparedStatement ps = session.prepareStatement(sql)) {
            ps.setObject(1, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(5)) {
                    return Optional.of(new Leader(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
                            MirrorHealth.Kind.ofCode(rs.getString(6))));
                }
                return Optional.empty();
            }
        }
    }

    /** Only the leader's own row is touched. */
    @Override
    public void wakeByNotify(boolean notify) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement(
                "update shoptwin.mirror_leader set wake_by_notify = ? where instance_id = ?")) {
            ps.setBoolean(1, notify);
            ps.setObject(2, instanceId);
            ps.executeUpdate();
        }
        polling = !notify;
    }

    @Override
    public void awaitChange(Duration atMost, BooleanSupplier stop) throws SQLException {
        // NOTIFY wakes us at once; the timeout is the poll fallback (LISTEN fails through some poolers).
        // Waited in slices, so that close() is answered within a slice whatever the poll interval.
        PGConnection pg = session.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!stop.getAsBoolean()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            PGNotification[] got = pg.getNotifications((int) Math.min(left, 250));
            if (got != null && got.length > 0) {
                return;
            }
        }
    }

    /** On a change of state, else every {@link #HEARTBEAT_EVERY} (by the snapshot's time, from the mirror's clock). */
    @Override
    public void heartbeat(MirrorHealth h) {
        if (!leading || session == null || !heartbeatDue(h)) {
            return;
        }
        try (PreparedStatement ps = session.prepareStatement("update shoptwin.mirror_leader set state = ?, heartbeat_at = now(), "
                + "last_success_at = ?, last_error = ?, divergence = ?, copy_update_table = ?, copy_update_done = ?, "
                + "copy_update_total = ? where instance_id = ?")) {
            ps.setString(1, h.state().name());
            ps.setObject(2, h.lastSuccessAt() == null ? null : Timestamp.from(h.lastSuccessAt()));
            ps.setString(3, h.recentErrors().isEmpty() ? null : h.recentErrors().get(h.recentErrors().size() - 1).message());
            ps.setString(4, h.divergence() == null ? null : h.divergence().stored());
            ps.setString(5, h.copyUpdate().map(u -> u.table().tableName()).orElse(null));
            ps.setObject(6, h.copyUpdate().map(MirrorHealth.CopyUpdate::done).orElse(null), java.sql.Types.BIGINT);
            ps.setObject(7, h.copyUpdate().map(MirrorHealth.CopyUpdate::total).orElse(null), java.sql.Types.BIGINT);
            ps.setObject(8, instanceId);
            ps.executeUpdate();
            heartbeatSent(h);
        } catch (SQLException e) {
            // the loop's next statement on this session reports a lost connection properly
            log.debug("[DB Sync] heartbeat failed: {}", mask.apply(e.getMessage()));
        }
    }

    boolean heartbeatDue(MirrorHealth h) {
        // the first success is news too: `status` would otherwise say "none yet" for a heartbeat period;
        // a copy update starting, moving to another table or ending is published at once, its progress with the heartbeat
        boolean firstSuccess = !heartbeatHadSuccess && h.lastSuccessAt() != null;
        return h.state() != State.STOPPED && (h.state() != heartbeatState || firstSuccess || h.updatedAt().isBefore(heartbeatAt)
                || !h.updatedAt().isBefore(heartbeatAt.plus(HEARTBEAT_EVERY))
                || !h.copyUpdate().map(MirrorHealth.CopyUpdate::table).equals(heartbeatCopyUpdate.map(MirrorHealth.CopyUpdate::table)));
    }

    void heartbeatSent(MirrorHealth h) {
        heartbeatCopyUpdate = h.copyUpdate();
        heartbeatState = h.state();
        heartbeatAt = h.updatedAt();
        heartbeatHadSuccess = h.lastSuccessAt() != null;
    }

    @Override
    public void release() {
        if (polling && session != null) {
            try {
                wakeByNotify(true); // best effort: the next leader sets it anyway when it takes over
            } catch (SQLException e) {
                log.debug("[DB Sync] could not ask writers to notify again: {}", mask.apply(e.getMessage()));
            }
        }
        polling = false;
        Connection s = session;
        session = null;
        if (leading) {
            log.info("[DB Sync] This console stops mirroring (lock released)");
        }
        leading = false;
        known = Optional.empty();
        if (s != null) {
            try {
                s.close(); // ends the session: PostgreSQL releases the advisory locks
            } catch (SQLException e) {
                log.debug("[DB Sync] closing the session connection failed: {}", mask.apply(e.getMessage()));
            }
        }
    }

    /**
     * The mirror's health as seen from PostgreSQL, for a process that does not mirror itself
     * ({@code shoptwin status}): the leader's published state if a leader holds the lock (else
     * STOPPED: no console is mirroring), and the backlog figures.
     */
    static MirrorHealth observe(Database database) throws SQLException {
        ChangeLog.Stats stats = new ChangeLog(database.dataSource()).stats();
        State state = State.STOPPED;
        Optional<Leader> leader = Optional.empty();
        Instant lastSuccess = null;
        List<MirrorError> errors = List.of();
        Divergence divergence = null;
        Optional<MirrorHealth.CopyUpdate> copyUpdate = Optional.empty();
        String sql = "select host, pid, since, state, last_success_at, last_error, heartbeat_at, divergence, copy_update_table, "
                + "copy_update_done, copy_update_total, kind from shoptwin.mirror_leader m "
                + "where exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted and l.pid = m.backend_pid)";
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (rs.next()) {
                leader = Optional.of(new Leader(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), false,
                        MirrorHealth.Kind.ofCode(rs.getString(12))));
                state = rs.getString(4) == null ? State.RUNNING : State.valueOf(rs.getString(4));
                lastSuccess = rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant();
                Instant at = rs.getTimestamp(7) == null ? Instant.now() : rs.getTimestamp(7).toInstant();
                if (rs.getString(6) != null) {
                    errors = List.of(new MirrorError(at, rs.getString(6)));
                }
                divergence = state == State.DIVERGED ? Divergence.fromStored(rs.getString(8), at) : null;
                if (rs.getString(9) != null) {
                    copyUpdate = Optional.of(new MirrorHealth.CopyUpdate(shoptwin.store.copy.MirrorTable.ofTableName(rs.getString(9)),
                            rs.getLong(10), rs.getObject(11) == null ? -1 : rs.getLong(11)));
                }
            }
        }
        Instant now = Instant.now();
        Duration lag = stats.pending() == 0 || stats.oldestPendingAt() == null ? Duration.ZERO : Duration.between(stats.oldestPendingAt(), now);
        return new MirrorHealth(state, null, stats.pending(), lag.isNegative() ? Duration.ZERO : lag, lastSuccess, 0, stats.parked(),
                errors, leader, now, divergence, copyUpdate);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown host");
        }
    }
}
