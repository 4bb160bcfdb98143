package shoptwin.store.history;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import shoptwin.store.copy.MirrorTable;

/**
 * The writes undo, restore-a-version and undelete make: normal writes to Supabase, in the console's name, so they
 * are captured, mirrored and recorded in the history like any other (and can be undone in turn). Fields are the
 * copy's names ({@code id} for the key) with plain values, as {@link RowVersion#fields()}. Every method may block.
 */
public interface RowWrites {
    /** The row as it is now in Supabase, or empty when there is none. */
    Optional<Map<String, Object>> current(MirrorTable table, UUID id);

    /** How many payments a customer has now. */
    int paymentCount(UUID customerId);

    /**
     * Sets {@code fields} on the row if its version is still {@code expectedVersion} (a normal update: the version
     * and updated_at move on); {@link shoptwin.store.ConflictException} if someone changed it meanwhile,
     * {@link shoptwin.store.NotFoundException} if it is gone.
     */
    void update(MirrorTable table, UUID id, long expectedVersion, Map<String, Object> fields);

    /** Deletes the row if its version is still {@code expectedVersion} (a customer's payments go with it). */
    void delete(MirrorTable table, UUID id, long expectedVersion);

    /**
     * Inserts rows exactly as they were (ids, versions and timestamps too), parents first, in one transaction: all or
     * nothing. A row whose id exists already refuses the whole insert.
     */
    void insertAsTheyWere(List<Row> rows);

    /** A row to bring back: its table and its fields. */
    record Row(MirrorTable table, Map<String, Object> fields) {
    }
}
