package shoptwin.status;

import java.util.List;
import shoptwin.mirror.journal.ReplayReport;

/**
 * What the "Changes made during the outage" screen and {@code shoptwin journal} do: list every change made on
 * the backup with its state, and decide about those Supabase could not take as they were. Every method blocks
 * on database I/O: call it off the UI thread. Implemented over the journal by {@link JournalOutageChanges};
 * the screen's tests use a fake.
 */
public interface OutageChanges {
    /** How many changes wait for Supabase, need a decision, were applied. */
    OutageSummary summary() throws Exception;

    /** Every change in the journal, in the order made; for a conflict, Supabase's values now when it answers. */
    List<OutageChange> list() throws Exception;

    /** Keep mine: the value made on the backup is written over Supabase's (a normal update, mirrored). */
    void keepMine(String id) throws Exception;

    /** Keep Supabase's: the change is closed as resolved, nothing is written. Also closes an invalid entry. */
    void keepTheirs(String id) throws Exception;

    /** A payment whose customer was deleted meanwhile: the customer comes back as last seen, then the payment. */
    void recreateCustomer(String id) throws Exception;

    /** Sends what waits to Supabase now (the mirror's leader also does it by itself when Supabase answers). */
    ReplayReport replayNow() throws Exception;
}
