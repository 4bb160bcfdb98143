package shoptwin.failover;

/** The two databases the console depends on. */
public enum MonitoredDatabase {
    SUPABASE("Supabase"),
    MONGODB("MongoDB");

    private final String label;

    MonitoredDatabase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
