package shoptwin.mirror;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The time a batch's MongoDB writes must be over by, counted from just before it took the write lock. Each
 * operation carries what is left as its client-side timeout ({@code timeoutMS}, which the driver also sends
 * as {@code maxTimeMS} and applies to its own retries), so that a leader that lost its PostgreSQL session
 * mid-batch writes nothing after the deadline; a new leader waits as long before its first write
 * ({@link CopyGeneration#waitForPreviousWriter}). docs/mirror.md, "A leader that lost its session".
 */
final class WriteDeadline {
    private final Duration length;
    private volatile long endsAtNanos;
    private volatile boolean running;

    WriteDeadline(Duration length) {
        this.length = length;
    }

    Duration length() {
        return length;
    }

    /** Starts the clock for one batch (or resync chunk) at {@code nanoTime} ({@link System#nanoTime()}'s scale). */
    void startAt(long nanoTime) {
        endsAtNanos = nanoTime + length.toNanos();
        running = true;
    }

    void stop() {
        running = false;
    }

    /** The copy with what is left of the deadline as every operation's timeout; the copy itself when none runs. */
    MongoDatabase apply(MongoDatabase copy) {
        if (!running) {
            return copy;
        }
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(endsAtNanos - System.nanoTime());
        if (leftMillis <= 0) {
            throw new MongoTimeoutException("the batch took longer than its " + length.toSeconds()
                    + " s deadline; it stays in the change log and is tried again");
        }
        return copy.withTimeout(leftMillis, TimeUnit.MILLISECONDS);
    }
}
