package shoptwin.failover;

/**
 * Told about the databases' reachability, in order, on the monitor's event thread
 * ("shoptwin-connection-events"): hand UI work to the UI thread (Platform.runLater) and return
 * reasonably quickly. Methods have no-op defaults.
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
