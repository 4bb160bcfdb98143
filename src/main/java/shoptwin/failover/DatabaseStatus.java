package shoptwin.failover;

import java.time.Duration;
import java.time.Instant;

/**
 * One database as the monitor last saw it. {@code roundTrip} is the last successful probe's time
 * (null before the first success); {@code lastError} is already masked and short, for people.
 */
public record DatabaseStatus(
        MonitoredDatabase database,
        Reachability reachability,
        Duration roundTrip,
        int consecutiveFailures,
        Instant lastCheckedAt,
        Instant lastSuccessAt,
        Instant changedAt,
        String lastError) {

    static DatabaseStatus unknown(MonitoredDatabase database, Instant now) {
        return new DatabaseStatus(database, Reachability.UNKNOWN, null, 0, null, null, now, null);
    }

    public boolean isUp() {
        return reachability == Reachability.UP;
    }

    public boolean isDown() {
        return reachability == Reachability.DOWN;
    }

    DatabaseStatus succeeded(Duration rtt, Instant now) {
        return new DatabaseStatus(database, Reachability.UP, rtt, 0, now, now,
                reachability == Reachability.UP ? changedAt : now, null);
    }

    DatabaseStatus failed(String error, int threshold, Instant now) {
        int failures = consecutiveFailures + 1;
        Reachability next = failures >= threshold ? Reachability.DOWN : reachability;
        return new DatabaseStatus(database, next, roundTrip, failures, now, lastSuccessAt,
                next == reachability ? changedAt : now, error);
    }
}
