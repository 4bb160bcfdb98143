package shoptwin.failover;

import java.time.Instant;

/** An immutable snapshot of both databases' reachability, published after every probe. */
public record ConnectionStatus(DatabaseStatus supabase, DatabaseStatus mongo, Instant at) {

    public DatabaseStatus of(MonitoredDatabase database) {
        return database == MonitoredDatabase.SUPABASE ? supabase : mongo;
    }

    ConnectionStatus with(DatabaseStatus status, Instant now) {
        return status.database() == MonitoredDatabase.SUPABASE
                ? new ConnectionStatus(status, mongo, now)
                : new ConnectionStatus(supabase, status, now);
    }
}
