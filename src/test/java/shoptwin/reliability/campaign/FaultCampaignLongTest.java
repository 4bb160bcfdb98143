package shoptwin.reliability.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long fault campaign: 10,000+ changes, MongoDB stopped and started 12 times, the mirror
 * killed with SIGKILL 12 times, PostgreSQL restarted 4 times, and 3 full resyncs while writing. Run it with
 * {@code mvn -B verify -Pcampaign}; the report lands in target/reliability/campaign-long.txt.
 */
@Tag("campaign")
class FaultCampaignLongTest {

    @Test
    void tenThousandChangesThroughRepeatedRestartsAndKillsLoseNothing() throws Exception {
        Path work = Files.createTempDirectory("shoptwin-campaign-");
        FaultCampaign.Report report = new FaultCampaign(FaultCampaign.Plan.longRun(), work).run();
        System.out.println(report.summary());
        System.out.println("work directory (mirror.log, verify.log): " + work);
        FaultCampaign.record(report, Path.of("target", "reliability"));
        FaultCampaignTest.assertCampaignPassed(report, work);
    }
}
