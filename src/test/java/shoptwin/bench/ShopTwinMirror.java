package shoptwin.bench;

import shoptwin.config.MongoSettings;
import shoptwin.store.postgres.Database;

/** The bench's handle on ShopTwin's mirror service (shoptwin.mirror): start, drain, stop, resync, verify. */
final class ShopTwinMirror implements AutoCloseable {

    private ShopTwinMirror() {
    }

    /** Starts the mirror from {@code db} to {@code mongo} on its own thread, as the console does. */
    static ShopTwinMirror start(Database db, MongoSettings mongo) {
        throw new UnsupportedOperationException("the mirror service is not on main yet");
    }

    /** Waits until the change log is empty: every captured change has been acknowledged by MongoDB. */
    void awaitDrained(Database db, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (BenchEnv.changeLogSize(db) > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the mirror did not drain within " + timeoutMillis + " ms");
            }
            Thread.sleep(5);
        }
    }

    /** What {@link #resync} runs. */
    static final String RESYNC_NAME = "ShopTwin's Resync (not on main yet)";

    /** Rebuilds the copy; returns the number of rows copied. */
    static long resync(Database db, MongoSettings mongo) throws Exception {
        throw new UnsupportedOperationException("Resync is not on main yet");
    }

    /** Compares both sides in full; returns a one-line outcome ("equal: n rows" or what differs). */
    static String verify(Database db, MongoSettings mongo) throws Exception {
        throw new UnsupportedOperationException("Verify is not on main yet");
    }

    @Override
    public void close() {
    }
}
