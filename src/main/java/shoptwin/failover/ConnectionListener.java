package shoptwin.failover;

/**
 * Told about the databases' reachability, on the monitor's thread: hand the work to your own
 * thread (the UI: Platform.runLater) and return quickly. Methods have no-op defaults.
 */
public interface ConnectionListener {
    /** After every probe or reported failure: round-trip times, failure counts. */
    default void statusChanged(ConnectionStatus status) {
    }

    /** A database went UP or DOWN (or left UNKNOWN). */
    default void reachabilityChanged(MonitoredDatabase database, Reachability from, Reachability to,
            ConnectionStatus status) {
    }
}
