package shoptwin.store.history;

import java.util.List;

/**
 * An entry of the recycle bin: a customer or payment deleted within the history's retention and not restored
 * since. For a customer, {@code deletedWith} are the payments deleted in the same transaction (with them);
 * {@code customerName} is a payment's customer's name as the history last knew it (null if unknown).
 */
public record DeletedRow(RowVersion delete, List<RowVersion> deletedWith, String customerName) {
    public DeletedRow {
        deletedWith = List.copyOf(deletedWith);
    }
}
