package shoptwin.service;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import shoptwin.config.Secrets;
import shoptwin.failover.DatabaseStatus;
import shoptwin.mirror.MirrorHealth;
import shoptwin.mirror.MirrorHealth.Leader;

/**
 * Whether the headless mirror is doing its job, as {@code /readyz} answers it: ready when it leads and
 * reaches both databases, or stands by behind a live leader; not ready, with the reason, while it
 * cannot reach PostgreSQL or MongoDB, waits at start-up, retries a failed batch or stops.
 */
public record Readiness(boolean ready, String reason) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss XXX");

    public static Readiness of(ServiceHealth h) {
        switch (h.phase()) {
            case WAITING_FOR_POSTGRES, WAITING_FOR_MONGODB -> {
                return no(h.waitingFor() == null ? "starting" : "waiting at start-up: " + h.waitingFor());
            }
            case STOPPING -> {
                return no("stopping (the batch in flight finishes or stays in the change log)");
            }
            case STOPPED -> {
                return no("the mirror has stopped");
            }
            case MIRRORING -> {
                // below
            }
        }
        if (!h.loopAlive()) {
            return no("the mirror's loop has ended");
        }
        if (h.postgres().isDown()) {
            return no("cannot reach PostgreSQL: " + lastError(h.postgres()));
        }
        if (h.mongo().isDown()) {
            return no("cannot reach MongoDB: " + lastError(h.mongo()));
        }
        if (h.mirror().isEmpty()) {
            return no("starting");
        }
        MirrorHealth m = h.mirror().get();
        switch (m.state()) {
            case RETRYING -> {
                List<MirrorHealth.MirrorError> errors = m.recentErrors();
                return no("retrying" + (m.nextAttemptAt() == null ? "" : " at " + TIME.format(m.nextAttemptAt().atZone(ZoneId.systemDefault())))
                        + (errors.isEmpty() ? "" : ": " + errors.get(errors.size() - 1).message()));
            }
            case DIVERGED -> {
                return no("stopped copying: " + (m.divergence() == null ? "Supabase and the backup no longer share one history"
                        : m.divergence().sentence()));
            }
            case STANDBY -> {
                return m.leader().filter(l -> !l.isThisInstance())
                        .map(l -> yes("standby: " + describe(l) + " leads; backlog " + m.backlog()))
                        .orElseGet(() -> no("standing by, but no mirror leads yet"));
            }
            case RUNNING, CATCHING_UP -> {
                return m.isLeader()
                        ? yes("leading" + (m.state() == MirrorHealth.State.CATCHING_UP ? ", catching up" : "") + ": backlog "
                                + m.backlog() + ", oldest change " + h.oldestPendingAge().orElseThrow().toSeconds() + " s old")
                        : no("the mirror does not lead");
            }
            default -> {
                return no("the mirror is stopped");
            }
        }
    }

    /** "shop-server (pid 4242, since 2026-12-01 08:02:11 +01:00)". */
    static String describe(Leader l) {
        return l.host() + " (pid " + l.pid() + ", since " + TIME.format(l.since().atZone(ZoneId.systemDefault())) + ")";
    }

    private static String lastError(DatabaseStatus s) {
        return s.lastError() == null ? "no answer" : s.lastError();
    }

    private static Readiness yes(String reason) {
        return new Readiness(true, Secrets.maskAll(reason));
    }

    private static Readiness no(String reason) {
        return new Readiness(false, Secrets.maskAll(reason));
    }
}
