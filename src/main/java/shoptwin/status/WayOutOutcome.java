package shoptwin.status;

import java.util.Objects;
import shoptwin.mirror.RecoveryPlan;
import shoptwin.mirror.VerifyReport;

/**
 * What one of the two ways out of a divergence did (docs/mirror.md, "Which database, which history"): the rows
 * brought back into Supabase (null for a rebase, which brings none back), the rebase of the backup on Supabase
 * that both end with, and the verify that closed it.
 */
public record WayOutOutcome(RecoveryPlan broughtBack, ResyncOutcome rebase, VerifyReport verify) {
    public WayOutOutcome {
        Objects.requireNonNull(rebase, "rebase");
        Objects.requireNonNull(verify, "verify");
    }
}
