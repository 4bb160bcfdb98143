package shoptwin.failover;

/** Which database the console reads from. */
public enum StoreMode {
    /** Supabase: reads and writes. */
    PRIMARY,
    /** The MongoDB copy: reads only, as of the last mirrored change. */
    BACKUP_READ_ONLY
}
