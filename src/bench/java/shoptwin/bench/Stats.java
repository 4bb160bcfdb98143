package shoptwin.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of latencies in nanoseconds: sort and pick (nearest rank), no histogram library. */
final class Stats {
    private final long[] sorted;

    private Stats(long[] sorted) {
        this.sorted = sorted;
    }

    static Stats of(long[] nanos, int count) {
        long[] copy = Arrays.copyOf(nanos, count);
        Arrays.sort(copy);
        return new Stats(copy);
    }

    static Stats of(long[] nanos) {
        return of(nanos, nanos.length);
    }

    int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, in nanoseconds. */
    long percentileNanos(double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double p(double percentile) {
        return percentileNanos(percentile) / 1e6;
    }

    double maxMs() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }

    static String ms(double millis) {
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.2f×", r);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, s >= 10 ? "%.1f s" : "%.2f s", s);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
