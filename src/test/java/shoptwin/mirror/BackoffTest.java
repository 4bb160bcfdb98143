package shoptwin.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The wait after each failure in a row: doubling from the minimum, capped, drawn from the upper half. */
class BackoffTest {
    private static final Duration MIN = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void theLongestWaitDoublesWithEachFailureUpToTheCap() {
        Backoff longest = new Backoff(MIN, MAX, bound -> bound - 1);
        assertThat(waits(longest, 10)).containsExactly(ms(200), ms(400), ms(800), ms(1_600), ms(3_200), ms(6_400),
                ms(12_800), ms(25_600), ms(30_000), ms(30_000));
    }

    @Test
    void theShortestWaitIsHalfOfThat() {
        Backoff shortest = new Backoff(MIN, MAX, bound -> 0);
        assertThat(waits(shortest, 10)).containsExactly(ms(100), ms(200), ms(400), ms(800), ms(1_600), ms(3_200),
                ms(6_400), ms(12_800), ms(15_000), ms(15_000));
    }

    @Test
    void everyWaitLiesInTheUpperHalfOfItsStepSoConsolesDoNotRetryInStep() {
        Backoff real = new Backoff(MIN, MAX);
        List<Duration> waits = waits(real, 40);
        for (int i = 0; i < waits.size(); i++) {
            long step = Math.min(MAX.toMillis(), MIN.toMillis() << Math.min(i, 20));
            assertThat(waits.get(i).toMillis()).as("failure %d", i + 1).isBetween(step / 2, step);
        }
        // a thousand draws at the cap are not all the same
        assertThat(waits(new Backoff(MAX, MAX), 1_000).stream().distinct().count()).isGreaterThan(100);
    }

    @Test
    void aSuccessStartsOverFromTheMinimum() {
        Backoff longest = new Backoff(MIN, MAX, bound -> bound - 1);
        waits(longest, 5);
        longest.succeeded();
        assertThat(longest.failed()).isEqualTo(ms(200));
    }

    @Test
    void manyFailuresInARowNeitherOverflowNorPassTheCap() {
        Backoff b = new Backoff(MIN, MAX, bound -> ThreadLocalRandom.current().nextLong(bound));
        assertThat(waits(b, 10_000)).allMatch(d -> !d.isNegative() && d.compareTo(MAX) <= 0);
    }

    private static List<Duration> waits(Backoff b, int failures) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            out.add(b.failed());
        }
        return out;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
