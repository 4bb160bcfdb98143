package shoptwin.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the mirror is doing, as one immutable value: the status panel, the {@code status}
 * command and the logs only read it.
 *
 * @param state            what the service is doing now
 * @param nextAttemptAt    when RETRYING: the time of the next attempt; otherwise null
 * @param backlog          changes waiting in the change log (not counting parked ones)
 * @param lag              age of the oldest pending change; zero when the backlog is empty
 * @param lastSuccessAt    the last time a batch reached MongoDB (null: not yet)
 * @param changesPerMinute changes mirrored during the last minute
 * @param parkedCount      changes MongoDB rejected, waiting for {@code parked retry}
 * @param recentErrors     the last few errors, newest last, secrets masked
 * @param leader           who mirrors this database, if anyone is known
 * @param updatedAt        when this snapshot was taken
 * @param divergence       when DIVERGED: why the mirror stopped writing (the plain sentence, the ways out); else null
 * @param copyUpdate       a table whose columns changed in Supabase, while its documents are brought up to date
 */
public record MirrorHealth(State state, Instant nextAttemptAt, long backlog, Duration lag, Instant lastSuccessAt,
                           long changesPerMinute, long parkedCount, List<MirrorError> recentErrors,
                           Optional<Leader> leader, Instant updatedAt, Divergence divergence, Optional<CopyUpdate> copyUpdate) {

    public enum State {
        /** Leading, and the backlog is small. */
        RUNNING,
        /** Leading, and working through a backlog (full batches). */
        CATCHING_UP,
        /** MongoDB or PostgreSQL failed; the batch will be tried again at {@link #nextAttemptAt()}. */
        RETRYING,
        /** Another console holds the mirror lock (see {@link #leader()}); this one waits to take over. */
        STANDBY,
        /** Not started, or closed. */
        STOPPED,
        /**
         * Leading, and writing nothing: Supabase and the copy no longer share one history (Supabase went back in
         * time, or the copy is another database's); held until a person chooses a way out ({@link #divergence()}).
         */
        DIVERGED
    }

    /** One error, when it happened, its text with secrets masked. */
    public record MirrorError(Instant at, String message) {
    }

    /**
     * Who mirrors this database: a console, or the headless mirror service ({@code shoptwin mirror}), as the
     * leader's row in PostgreSQL records it.
     *
     * @param kind which kind of process leads; null when not known (a row written by a ShopTwin older than the column)
     */
    public record Leader(String host, long pid, Instant since, boolean isThisInstance, Kind kind) {
        /** A leader whose kind is not known. */
        public Leader(String host, long pid, Instant since, boolean isThisInstance) {
            this(host, pid, since, isThisInstance, null);
        }
    }

    /** Which kind of process runs a mirror: the console (a desktop) or the headless service ({@code shoptwin mirror}). */
    public enum Kind {
        CONSOLE("console"), SERVICE("service");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** As stored in {@code shoptwin.mirror_leader.kind}. */
        public String code() {
            return code;
        }

        /** The stored code back; null for null or a code this version does not know. */
        public static Kind ofCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * A table's columns changed in Supabase (added, dropped, renamed, retyped) and the mirror is rewriting its
     * documents from the table: {@code done} of {@code total} rows ({@code total} &lt; 0: not counted yet).
     */
    public record CopyUpdate(shoptwin.store.copy.MirrorTable table, long done, long total) {
        /** "the customers table changed in Supabase: updating the copy (1,200 / 3,000)". */
        public String sentence() {
            return "the " + table.tableName() + " table changed in Supabase: updating the copy"
                    + (total < 0 ? "" : String.format(java.util.Locale.ROOT, " (%,d / %,d)", done, total));
        }
    }

    public MirrorHealth {
        recentErrors = List.copyOf(recentErrors);
        leader = leader == null ? Optional.empty() : leader;
        lag = lag == null ? Duration.ZERO : lag;
        copyUpdate = copyUpdate == null ? Optional.empty() : copyUpdate;
    }

    /** Without a divergence (any state but DIVERGED) and without a copy update in progress. */
    public MirrorHealth(State state, Instant nextAttemptAt, long backlog, Duration lag, Instant lastSuccessAt, long changesPerMinute,
                        long parkedCount, List<MirrorError> recentErrors, Optional<Leader> leader, Instant updatedAt) {
        this(state, nextAttemptAt, backlog, lag, lastSuccessAt, changesPerMinute, parkedCount, recentErrors, leader, updatedAt,
                (Divergence) null, Optional.empty());
    }

    /** Without a copy update in progress. */
    public MirrorHealth(State state, Instant nextAttemptAt, long backlog, Duration lag, Instant lastSuccessAt, long changesPerMinute,
                        long parkedCount, List<MirrorError> recentErrors, Optional<Leader> leader, Instant updatedAt,
                        Divergence divergence) {
        this(state, nextAttemptAt, backlog, lag, lastSuccessAt, changesPerMinute, parkedCount, recentErrors, leader, updatedAt,
                divergence, Optional.empty());
    }

    /** Without a divergence (any state but DIVERGED). */
    public MirrorHealth(State state, Instant nextAttemptAt, long backlog, Duration lag, Instant lastSuccessAt, long changesPerMinute,
                        long parkedCount, List<MirrorError> recentErrors, Optional<Leader> leader, Instant updatedAt,
                        Optional<CopyUpdate> copyUpdate) {
        this(state, nextAttemptAt, backlog, lag, lastSuccessAt, changesPerMinute, parkedCount, recentErrors, leader, updatedAt,
                null, copyUpdate);
    }

    public static MirrorHealth stopped() {
        return new MirrorHealth(State.STOPPED, null, 0, Duration.ZERO, null, 0, 0, List.of(), Optional.empty(), Instant.now());
    }

    public boolean isLeader() {
        return leader.map(Leader::isThisInstance).orElse(false);
    }

    /** One line for logs and the terminal. */
    public String summary() {
        StringBuilder sb = new StringBuilder(state.name().toLowerCase().replace('_', ' '));
        if (divergence != null) {
            sb.append(" (").append(divergence.sentence()).append(')');
        }
        if (state == State.RETRYING && nextAttemptAt != null) {
            sb.append(" (next attempt ").append(nextAttemptAt).append(')');
        }
        sb.append(", backlog ").append(backlog).append(", lag ").append(lag.toSeconds()).append(" s")
                .append(", parked ").append(parkedCount).append(", ").append(changesPerMinute).append(" changes/min");
        leader.ifPresent(l -> sb.append(", leader ").append(l.host()).append(" pid ").append(l.pid())
                .append(l.isThisInstance() ? " (this instance)" : ""));
        copyUpdate.ifPresent(u -> sb.append("; ").append(u.sentence()));
        return sb.toString();
    }
}
