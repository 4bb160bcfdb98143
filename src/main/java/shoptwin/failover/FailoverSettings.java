package shoptwin.failover;

import java.time.Duration;
import java.util.Map;

/**
 * How the connection monitor and failover behave: probe every {@code probeInterval}; a database
 * is DOWN after {@code failureThreshold} failures in a row and UP again after one success;
 * {@code autoFailover} switches to the backup (and back) without asking.
 */
public record FailoverSettings(Duration probeInterval, int failureThreshold, boolean autoFailover) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_THRESHOLD = 3;

    public FailoverSettings {
        probeInterval = probeInterval == null ? DEFAULT_INTERVAL : probeInterval;
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("probe interval must be positive");
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1");
        }
    }

    public static FailoverSettings defaults() {
        return new FailoverSettings(DEFAULT_INTERVAL, DEFAULT_THRESHOLD, false);
    }

    /**
     * From SHOPTWIN_PROBE_INTERVAL_SECONDS, SHOPTWIN_FAILURE_THRESHOLD, SHOPTWIN_AUTO_FAILOVER
     * (true/false); anything missing or unreadable keeps its default.
     */
    public static FailoverSettings from(Map<String, String> env) {
        Duration interval = DEFAULT_INTERVAL;
        int threshold = DEFAULT_THRESHOLD;
        try {
            String s = env.get("SHOPTWIN_PROBE_INTERVAL_SECONDS");
            if (s != null && !s.isBlank() && Double.parseDouble(s.trim()) > 0) {
                interval = Duration.ofMillis(Math.round(Double.parseDouble(s.trim()) * 1000));
            }
        } catch (NumberFormatException ignored) {
            // keep the default: a typo in an optional setting must not stop the console
        }
        try {
            String s = env.get("SHOPTWIN_FAILURE_THRESHOLD");
            if (s != null && !s.isBlank() && Integer.parseInt(s.trim()) >= 1) {
                threshold = Integer.parseInt(s.trim());
            }
        } catch (NumberFormatException ignored) {
            // keep the default
        }
        boolean auto = Boolean.parseBoolean(env.getOrDefault("SHOPTWIN_AUTO_FAILOVER", "false").trim());
        return new FailoverSettings(interval, threshold, auto);
    }
}
