package shoptwin.status;

/** The journal in three figures: changes waiting for Supabase, waiting for a person's decision, and applied (kept 30 days). */
public record OutageSummary(long pending, long needDecision, long applied) {
    public static final OutageSummary NONE = new OutageSummary(0, 0, 0);

    public boolean isEmpty() {
        return pending == 0 && needDecision == 0;
    }
}
