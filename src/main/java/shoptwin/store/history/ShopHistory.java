package shoptwin.store.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import shoptwin.store.copy.MirrorTable;

/**
 * The history the backup keeps (docs/history.md): every version of every row, who made it and when. Read from
 * the MongoDB copy, whether the console works on Supabase or on the backup. Every method may block on I/O.
 * Failures are {@link shoptwin.store.StoreException}s ({@link shoptwin.store.StoreUnavailableException} when
 * MongoDB does not answer).
 */
public interface ShopHistory {
    /** Every version of one row, oldest first. */
    List<RowVersion> versions(MirrorTable table, UUID id);

    /** The versions of a customer and of their payments, newest first, at most {@code limit}. */
    List<RowVersion> customerTimeline(UUID customerId, int limit);

    /**
     * Customers and payments deleted since {@code since} and not restored since, newest first, at most {@code limit};
     * a payment deleted with its customer is listed under the customer.
     */
    List<DeletedRow> recycleBin(Instant since, int limit);

    /** The payments deleted in the same transaction as {@code customerDelete} (with the customer, by cascade). */
    List<RowVersion> deletedWith(RowVersion customerDelete);

    /** Since when every moment can be restored; empty while the history has no complete starting point. */
    Optional<Instant> completeSince();
}
