package shoptwin.store;

/** The database could not be reached (connection refused, timed out, closed). Failover listens for this. */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
