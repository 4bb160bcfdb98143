package shoptwin.failover;

/**
 * What the console shows about failover: the banners and the mode. Called on the monitor's thread
 * (or the caller's, for a manual switch): hand off to the UI thread. Methods have no-op defaults.
 */
public interface FailoverListener {
    /** Supabase stopped answering: offer 'Read from MongoDB backup' (unless auto-failover already switched). */
    default void supabaseDown(ConnectionStatus status) {
    }

    /** Supabase answers again: offer 'Switch back' while in backup mode. */
    default void supabaseBackUp(ConnectionStatus status) {
    }

    /** The console now reads from another store; refresh every screen. */
    default void modeChanged(StoreMode from, StoreMode to) {
    }
}
