package shoptwin.mirror.journal;

import java.sql.SQLException;
import java.time.Instant;

/**
 * What the mirror's leader does before it mirrors anything: changes made on the backup while Supabase was
 * away go into Supabase first ({@link JournalReplay}; fakes in the loop's unit tests). A failure is thrown
 * and retried with the mirror's backoff; the entries stay pending, nothing is applied twice.
 */
public interface OutageReplay {
    /** Replays every pending entry (one read of the journal). */
    ReplayReport replay() throws SQLException;

    /** Removes applied entries older than {@code before} (the record kept 30 days), and their ids in PostgreSQL. */
    int prune(Instant before) throws SQLException;

    /** No journal (no MongoDB copy, or a test): nothing to replay. */
    OutageReplay NONE = new OutageReplay() {
        @Override
        public ReplayReport replay() {
            return ReplayReport.NOTHING;
        }

        @Override
        public int prune(Instant before) {
            return 0;
        }
    };
}
