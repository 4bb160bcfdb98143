package shoptwin.reliability.campaign;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Spreads the writers' load over time: at most {@code perSecond} writes a second, all writers together. */
final class Pace {
    private final long intervalNanos;
    private long next = System.nanoTime();

    Pace(double perSecond) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    void await() throws InterruptedException {
        long at;
        synchronized (this) {
            long now = System.nanoTime();
            // no bursts to catch up after a stall: a restart is not made up for by a flood
            next = Math.max(next + intervalNanos, now);
            at = next;
        }
        long wait;
        while ((wait = at - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
