package shoptwin.mirror;

import java.time.Instant;
import java.util.Objects;

/**
 * Why the mirror stopped writing the copy: Supabase and the MongoDB copy no longer belong to the same
 * history (docs/mirror.md, "Which database, which history"). Held until a person chooses one of the two
 * ways out; never resolved silently.
 *
 * @param kind       what happened
 * @param noticedAt  when the mirror found it
 */
public record Divergence(Kind kind, Instant noticedAt) {
    public enum Kind {
        /** Supabase lacks the last change the copy was told about: it was rolled back (point-in-time restore, a backup, an older dump). */
        BEHIND,
        /** The copy was made from another database (a new project, or a restore of another one). */
        DIFFERENT_DATABASE,
        /** A rebase marked the copy as being replaced and has not finished (it runs, or it was interrupted). */
        REBASE_INTERRUPTED
    }

    /** What to run (or press) instead of waiting ({@link #waysOut()} says it for one divergence). */
    public static final String WAYS_OUT = "Ways out: `shoptwin recover --dry-run` then `shoptwin recover --apply` brings the backup's "
            + "newer data back into Supabase; `shoptwin resync --rebase` replaces the backup with Supabase as it is now "
            + "(tombstones included).";

    public Divergence {
        Objects.requireNonNull(kind, "kind");
    }

    /** The one plain sentence the status screen, {@code shoptwin status} and the log say. */
    public String sentence() {
        return switch (kind) {
            case BEHIND -> "Supabase has gone back in time (it was restored to an earlier point), so the MongoDB backup holds "
                    + "changes Supabase no longer has: the mirror has stopped copying until you choose to bring them back "
                    + "into Supabase or to rebase the backup on Supabase as it is now.";
            case DIFFERENT_DATABASE -> "The MongoDB backup was made from a different Supabase database (a new project, or a "
                    + "restore of another one): the mirror has stopped copying until you choose to bring the backup's data into "
                    + "this database or to rebase the backup on this database.";
            case REBASE_INTERRUPTED -> "The MongoDB backup is being rebased on Supabase (or a rebase was interrupted): the "
                    + "mirror waits until it has finished; if no rebase is running, run it again.";
        };
    }

    /** The ways out of this divergence, as commands. */
    public String waysOut() {
        return kind == Kind.REBASE_INTERRUPTED
                ? "If no rebase is running: `shoptwin resync --rebase` starts it again."
                : WAYS_OUT;
    }

    /** The kind as stored in {@code shoptwin.mirror_leader.divergence}; null-safe inverse: {@link #fromStored}. */
    public String stored() {
        return kind.name();
    }

    static Divergence fromStored(String kind, Instant at) {
        if (kind == null) {
            return null;
        }
        try {
            return new Divergence(Kind.valueOf(kind), at);
        } catch (IllegalArgumentException unknown) {
            return null; // written by a newer ShopTwin: say nothing rather than something wrong
        }
    }
}
