package shoptwin.status;

import java.util.Map;
import shoptwin.store.journal.JournalEntry;

/**
 * One change made on the backup, as the outage screen lists it.
 *
 * @param id              the entry's id, as stored
 * @param entry           the entry; null when it does not follow the journal's format ({@code malformedReason} says why)
 * @param customerName    whose change it is (the customer, or the payment's customer), as far as the backup knows
 * @param supabaseNow     for a conflict: Supabase's values of its fields now (null: not known, or the row is gone)
 */
public record OutageChange(String id, JournalEntry entry, String malformedReason, String customerName,
                           Map<String, Object> supabaseNow) {

    public JournalEntry.State state() {
        return entry == null ? JournalEntry.State.INVALID : entry.state();
    }

    /** A conflict or an invalid entry nobody decided about yet. */
    public boolean needsDecision() {
        return entry == null ? true : entry.needsDecision();
    }

    public boolean canKeepMine() {
        return entry != null && entry.needsDecision() && entry.state() == JournalEntry.State.CONFLICT
                && entry.op() != JournalEntry.Op.INSERT;
    }

    public boolean canKeepTheirs() {
        return needsDecision();
    }

    public boolean canRecreateCustomer() {
        return entry != null && entry.needsDecision() && "customer_gone".equals(entry.reasonCode())
                && entry.op() == JournalEntry.Op.INSERT && entry.customer() != null;
    }
}
