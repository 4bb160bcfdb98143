package shoptwin.importing;

import shoptwin.store.StoreException;

/** The whole file is refused (no name column, not CSV, not UTF-8): nothing was written. */
public class ImportRefusedException extends StoreException {
    public ImportRefusedException(String message) {
        super(message);
    }

    public ImportRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
