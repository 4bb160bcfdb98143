package shoptwin.store;

/** The row is gone: someone else deleted it. */
public class NotFoundException extends StoreException {
    public NotFoundException(String what) {
        super(what + " no longer exists: it may have been deleted by someone else.");
    }
}
