package shoptwin.mirror.journal;

/**
 * What one replay did: entries applied (now in Supabase), in conflict (a person decides), invalid (not
 * following the format, or refused by Supabase), and left pending (their row kept changing, or an earlier
 * entry of it is still pending: the next round tries again).
 */
public record ReplayReport(int applied, int conflicts, int invalid, int leftPending) {
    public static final ReplayReport NOTHING = new ReplayReport(0, 0, 0, 0);

    public int total() {
        return applied + conflicts + invalid + leftPending;
    }

    ReplayReport plus(ReplayReport o) {
        return new ReplayReport(applied + o.applied, conflicts + o.conflicts, invalid + o.invalid, leftPending + o.leftPending);
    }

    @Override
    public String toString() {
        return applied + " applied, " + conflicts + " in conflict, " + invalid + " invalid, " + leftPending + " still pending";
    }
}
