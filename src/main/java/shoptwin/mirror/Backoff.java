package shoptwin.mirror;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * How long the mirror waits after a failure: from the minimum, doubling with each failure in a row,
 * capped at the maximum; each wait is drawn anywhere in the upper half of that, so that several
 * consoles retrying the same outage do not retry in step. A success starts again from the minimum.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    /** {@code bound -> a number in [0, bound)}. */
    private final LongUnaryOperator random;
    private int failures;

    Backoff(Duration min, Duration max) {
        this(min, max, bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    Backoff(Duration min, Duration max, LongUnaryOperator random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** One more failure in a row: the wait before the next attempt. */
    Duration failed() {
        failures++;
        double exp = minMillis * Math.pow(2, Math.min(failures - 1, 30));
        long capped = (long) Math.min(maxMillis, exp);
        return Duration.ofMillis(capped / 2 + random.applyAsLong(capped / 2 + 1));
    }

    void succeeded() {
        failures = 0;
    }
}
