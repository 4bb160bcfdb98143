package shoptwin.store.history;

import shoptwin.store.StoreException;

/** An undo, restore or undelete that would be wrong now, with the reason in a sentence; nothing was written. */
public class HistoryRefusedException extends StoreException {
    public HistoryRefusedException(String message) {
        super(message);
    }
}
