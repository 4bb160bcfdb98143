package shoptwin.reliability.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The campaign's recovery rounds on their own, after a MongoDB restart and a mirror kill: a rollback of Supabase to an
 * earlier backup (noticed, nothing written, {@code shoptwin recover --apply}, the shop goes on) and a restore into a new
 * project (the shop goes on there). The long campaign runs them too. {@code mvn -B verify -Pcampaign}; the report lands in
 * target/reliability/campaign-recovery.txt.
 */
@Tag("campaign")
class FaultCampaignRecoveryTest {

    @Test
    void afterARollbackAndARestoreIntoANewProjectNothingIsLostNothingRegressesAndVerifySaysEqual() throws Exception {
        Path work = Files.createTempDirectory("shoptwin-campaign-recovery-");
        FaultCampaign.Report report = new FaultCampaign(FaultCampaign.Plan.recoveryRun(), work).run();
        System.out.println(report.summary());
        System.out.println("work directory (mirror.log, recover.log, restore.log, verify.log): " + work);
        FaultCampaign.record(report, Path.of("target", "reliability"));
        assertThat(report.rounds()).hasSize(2);
        FaultCampaignTest.assertCampaignPassed(report, work);
    }
}
