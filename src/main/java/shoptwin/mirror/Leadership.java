package shoptwin.mirror;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Who mirrors this database, and how writers wake the one that does: what the mirror loop asks of
 * PostgreSQL besides the change log ({@link PostgresLeadership} in production; fakes in the loop's
 * unit tests).
 */
interface Leadership {
    boolean isLeading();

    /**
     * Opens the session if there is none (and listens on it), then takes the leader lock if it is free.
     * True: this instance leads from now on. False: another does ({@link #leader()} says who, if anyone).
     */
    boolean tryToLead() throws SQLException;

    /** The connection the locks are held on, outside the pool; null when there is none. */
    Connection session();

    /** Who leads, as last seen: this instance, another console, or nobody known. */
    Optional<MirrorHealth.Leader> leader();

    /** Tells writers whether to NOTIFY on commit (false: the leader polls, see migration V13). */
    void wakeByNotify(boolean notify) throws SQLException;

    /** True while writers were told not to notify. */
    boolean polling();

    /** Waits for a notification, at most {@code atMost}; returns early once {@code stop} says so. */
    void awaitChange(Duration atMost, BooleanSupplier stop) throws SQLException;

    /** Publishes the leader's state for {@code shoptwin status} and the standbys; best effort. */
    void heartbeat(MirrorHealth health);

    /** Ends the session: PostgreSQL releases the locks with it. Never throws. */
    void release();
}
