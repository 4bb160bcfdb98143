package shoptwin.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import shoptwin.config.Secrets;
import shoptwin.store.StoreException;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.SqlErrors;

/**
 * What {@code shoptwin status} reports, as a value: printed as text or JSON. Sections are records;
 * the mirror adds its health as another component.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusReport(Supabase supabase, ChangeLog changeLog, Mirror mirror, List<String> warnings) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StatusReport {
        warnings = List.copyOf(warnings);
    }

    /** The primary: reachable or not, the round trip, the schema version ("1"; null if not migrated). */
    public record Supabase(String database, boolean reachable, Long roundTripMillis, String error, String schemaVersion) {
    }

    /** Changes captured but not yet mirrored: how many, and how old the oldest is (the mirror's lag). */
    public record ChangeLog(Long backlog, Double oldestPendingSeconds) {
        public static final ChangeLog UNKNOWN = new ChangeLog(null, null);
    }

    /**
     * The mirror as PostgreSQL sees it (added by the mirror work): the leading console's published
     * state (STOPPED when no console holds the mirror lock), who leads, parked changes, last success.
     */
    /**
     * {@code attention}: when the mirror stopped copying (DIVERGED), the one sentence saying why; {@code waysOut} what to run.
     * {@code copyUpdate}: a table whose columns changed, its documents being brought up to date (null: none).
     */
    public record Mirror(String state, String leaderHost, Long leaderPid, String leaderSince, long parked, String lastSuccessAt,
                         String lastError, String attention, String waysOut, String copyUpdate) {
        public static final Mirror UNKNOWN = new Mirror("UNKNOWN", null, null, null, 0, null, null, null, null, null);

        /** A mirror that has not stopped copying and whose tables' columns are as it knows them. */
        public Mirror(String state, String leaderHost, Long leaderPid, String leaderSince, long parked, String lastSuccessAt,
                      String lastError) {
            this(state, leaderHost, leaderPid, leaderSince, parked, lastSuccessAt, lastError, null, null, null);
        }

        static Mirror of(shoptwin.mirror.MirrorHealth h) {
            var leader = h.leader();
            var d = h.divergence();
            return new Mirror(h.state().name(), leader.map(l -> l.host()).orElse(null), leader.map(l -> l.pid()).orElse(null),
                    leader.map(l -> l.since().toString()).orElse(null), h.parkedCount(),
                    h.lastSuccessAt() == null ? null : h.lastSuccessAt().toString(),
                    h.recentErrors().isEmpty() ? null : h.recentErrors().get(h.recentErrors().size() - 1).message(),
                    d == null ? null : d.sentence(), d == null ? null : d.waysOut(),
                    h.copyUpdate().map(shoptwin.mirror.MirrorHealth.CopyUpdate::sentence).orElse(null));
        }
    }

    /** Probes the primary; never throws for an unreachable database (that is part of the report). */
    public static StatusReport collect(Database db, List<String> warnings) {
        List<String> notes = new ArrayList<>(warnings);
        Duration roundTrip;
        try {
            roundTrip = db.ping();
        } catch (StoreException e) {
            return new StatusReport(new Supabase(db.describe(), false, null, e.getMessage(), null), ChangeLog.UNKNOWN, Mirror.UNKNOWN,
                    notes);
        }
        String version = null;
        ChangeLog changeLog = ChangeLog.UNKNOWN;
        Mirror mirror = Mirror.UNKNOWN;
        try {
            version = db.schemaVersion();
            if (version == null) {
                notes.add("The schema is not migrated yet: run shoptwin migrate.");
            } else {
                changeLog = changeLog(db);
                mirror = mirror(db, notes);
            }
        } catch (StoreException e) {
            notes.add(e.getMessage());
        }
        return new StatusReport(new Supabase(db.describe(), true, roundTrip.toMillis(), null, version), changeLog, mirror, notes);
    }

    private static Mirror mirror(Database db, List<String> notes) {
        try {
            return Mirror.of(shoptwin.mirror.MirrorService.observe(db));
        } catch (SQLException e) {
            notes.add("The mirror's state could not be read: " + Secrets.maskAll(e.getMessage()));
            return Mirror.UNKNOWN;
        }
    }

    private static ChangeLog changeLog(Database db) {
        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), extract(epoch from (clock_timestamp() - min(changed_at)))"
                     + " from shoptwin.change_log")) {
            rs.next();
            double age = rs.getDouble(2);
            return new ChangeLog(rs.getLong(1), rs.wasNull() ? null : age);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, db.settings(), "The change log");
        }
    }

    public boolean healthy() {
        return supabase.reachable();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the status as JSON", e);
        }
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Supabase:    ").append(supabase.database()).append('\n');
        if (supabase.reachable()) {
            b.append("  reachable, round trip ").append(supabase.roundTripMillis()).append(" ms\n");
            b.append("  schema version ").append(supabase.schemaVersion() == null ? "none (not migrated)" : supabase.schemaVersion())
                    .append('\n');
        } else {
            b.append("  UNREACHABLE: ").append(supabase.error()).append('\n');
        }
        b.append("Change log:  ");
        if (changeLog.backlog() == null) {
            b.append("unknown\n");
        } else if (changeLog.backlog() == 0) {
            b.append("empty (everything captured has been mirrored)\n");
        } else {
            b.append(changeLog.backlog()).append(" pending, oldest ")
                    .append(formatAge(changeLog.oldestPendingSeconds())).append(" old\n");
        }
        b.append("Mirror:      ");
        if (mirror.leaderHost() == null) {
            b.append("UNKNOWN".equals(mirror.state()) ? "unknown\n" : "stopped (no console is mirroring; run the console or shoptwin mirror)\n");
        } else {
            b.append(mirror.state().toLowerCase().replace('_', ' ')).append(" on ").append(mirror.leaderHost())
                    .append(" (pid ").append(mirror.leaderPid()).append(", since ").append(mirror.leaderSince()).append(")\n");
            if (mirror.attention() != null) {
                b.append("  STOPPED COPYING: ").append(mirror.attention()).append('\n');
                b.append("  ").append(mirror.waysOut()).append('\n');
            }
            if (mirror.lastSuccessAt() != null) {
                b.append("  last write to MongoDB ").append(mirror.lastSuccessAt()).append('\n');
            }
            if (mirror.lastError() != null) {
                b.append("  last error: ").append(mirror.lastError()).append('\n');
            }
            if (mirror.copyUpdate() != null) {
                b.append("  ").append(mirror.copyUpdate()).append('\n');
            }
        }
        if (mirror.parked() > 0) {
            b.append("  ").append(mirror.parked()).append(" parked change(s): see shoptwin parked\n");
        }
        for (String w : warnings) {
            b.append("warning: ").append(w).append('\n');
        }
        return Secrets.maskAll(b.toString());
    }

    static String formatAge(Double seconds) {
        if (seconds == null) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        if (s < 172800) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " days";
    }
}
