package shoptwin.store;

/**
 * Someone else saved this record since it was loaded. {@code current} is the record as it is now
 * (a Customer, Payment or Shop), so the UI can offer to reload it or to overwrite it.
 */
public class ConflictException extends StoreException {
    private final transient Object current;

    public ConflictException(String what, Object current) {
        super(what + " was changed by someone else since you opened it.");
        this.current = current;
    }

    @SuppressWarnings("unchecked")
    public <T> T current() {
        return (T) current;
    }
}
