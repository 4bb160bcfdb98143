package shoptwin.store;

/** A write was attempted on the read-only MongoDB backup. */
public class ReadOnlyStoreException extends StoreException {
    public ReadOnlyStoreException() {
        super("The MongoDB backup is read-only: switch back to Supabase to make changes.");
    }

    /** A write the backup does not take (shop settings, an import): {@code message} says why and what to do. */
    public ReadOnlyStoreException(String message) {
        super(message);
    }
}
