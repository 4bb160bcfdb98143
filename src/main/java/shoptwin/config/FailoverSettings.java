package shoptwin.config;

/**
 * How the connection monitor decides Supabase is down: a probe every {@code probeIntervalSeconds},
 * {@code failureThreshold} failures in a row; {@code autoFailover} switches to the MongoDB backup
 * without asking (off by default: a person decides).
 */
public record FailoverSettings(int probeIntervalSeconds, int failureThreshold, boolean autoFailover) {
    public static final int DEFAULT_PROBE_INTERVAL_SECONDS = 5;
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    public FailoverSettings {
        if (probeIntervalSeconds < 1 || probeIntervalSeconds > 3600) {
            throw new IllegalArgumentException("probeIntervalSeconds must be between 1 and 3600");
        }
        if (failureThreshold < 1 || failureThreshold > 100) {
            throw new IllegalArgumentException("failureThreshold must be between 1 and 100");
        }
    }

    public static FailoverSettings defaults() {
        return new FailoverSettings(DEFAULT_PROBE_INTERVAL_SECONDS, DEFAULT_FAILURE_THRESHOLD, false);
    }
}
