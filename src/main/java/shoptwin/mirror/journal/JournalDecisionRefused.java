package shoptwin.mirror.journal;

import shoptwin.store.StoreException;

/** A person's decision about a journal entry that cannot be carried out; the message says why and what to do instead. */
public final class JournalDecisionRefused extends StoreException {
    public JournalDecisionRefused(String message) {
        super(message);
    }
}
