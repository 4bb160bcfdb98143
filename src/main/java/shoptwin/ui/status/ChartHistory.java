package shoptwin.ui.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last hour of backlog and lag for the chart: a fixed-size ring buffer, so a console left open
 * for a week holds the same few hundred samples as one opened a minute ago.
 */
public final class ChartHistory {

    /** One point: the backlog (changes waiting) and the lag (seconds) at a moment. */
    public record Sample(Instant at, long backlog, double lagSeconds) {
    }

    private final Sample[] ring;
    private int next;
    private int size;

    public ChartHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new Sample[capacity];
    }

    /** Adds the newest sample, dropping the oldest when full. */
    public void add(Sample sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        if (size < ring.length) {
            size++;
        }
    }

    /** The samples, oldest first. */
    public List<Sample> samples() {
        List<Sample> out = new ArrayList<>(size);
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            out.add(ring[(start + i) % ring.length]);
        }
        return out;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** The largest backlog held, for the chart's scale. */
    public long maxBacklog() {
        long max = 0;
        for (Sample s : samples()) {
            max = Math.max(max, s.backlog());
        }
        return max;
    }
}
