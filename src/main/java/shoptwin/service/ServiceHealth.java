package shoptwin.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import shoptwin.failover.ConnectionStatus;
import shoptwin.failover.DatabaseStatus;
import shoptwin.mirror.MirrorHealth;

/**
 * The headless mirror as one immutable value, what {@code /livez}, {@code /readyz} and {@code /metrics}
 * read.
 *
 * @param phase       where the process is in its life
 * @param waitingFor  while waiting at start-up: what for, one masked line; otherwise null
 * @param loopAlive   the mirror's loop (or the start-up wait before it) is running on its thread
 * @param mirror      the mirror's health; while waiting for MongoDB, as PostgreSQL shows it
 *                    ({@code MirrorService.observe}); empty while nothing is known
 * @param connections the probes of both databases
 */
public record ServiceHealth(Phase phase, String waitingFor, boolean loopAlive, Optional<MirrorHealth> mirror,
                            ConnectionStatus connections, Instant at) {

    public enum Phase {
        /** Waiting for PostgreSQL to answer (and for its schema) before mirroring. */
        WAITING_FOR_POSTGRES,
        /** PostgreSQL answers; waiting for MongoDB before taking part in the leader election. */
        WAITING_FOR_MONGODB,
        /** The mirror runs: it leads, or stands by. */
        MIRRORING,
        /** A stop was asked for (SIGTERM): the batch in flight finishes or stays in the change log. */
        STOPPING,
        /** The loop has ended. */
        STOPPED
    }

    public ServiceHealth {
        mirror = mirror == null ? Optional.empty() : mirror;
    }

    public boolean isLeader() {
        return phase == Phase.MIRRORING && mirror.map(MirrorHealth::isLeader).orElse(false);
    }

    /** The age of the oldest waiting change now: the snapshot's lag plus the time since it was taken. */
    public Optional<Duration> oldestPendingAge() {
        return mirror.map(h -> {
            if (h.backlog() == 0) {
                return Duration.ZERO;
            }
            Duration since = Duration.between(h.updatedAt(), at);
            return since.isNegative() ? h.lag() : h.lag().plus(since);
        });
    }

    DatabaseStatus postgres() {
        return connections.supabase();
    }

    DatabaseStatus mongo() {
        return connections.mongo();
    }
}
