package shoptwin.reliability.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fault campaign, part of every build: 1,000+ changes while MongoDB is restarted three
 * times, the mirror process is killed twice with SIGKILL, and PostgreSQL is restarted once.
 * The long one is {@link FaultCampaignLongTest} ({@code mvn -B verify -Pcampaign}).
 */
class FaultCampaignTest {

    @Test
    void underRestartsAndKillsNothingIsLostNothingRegressesAndVerifySaysEqual(@TempDir Path work) throws Exception {
        FaultCampaign.Report report = new FaultCampaign(FaultCampaign.Plan.shortRun(), work).run();
        System.out.println(report.summary());
        FaultCampaign.record(report, Path.of("target", "reliability"));
        assertCampaignPassed(report, work);
    }

    static void assertCampaignPassed(FaultCampaign.Report report, Path work) {
        FaultCampaign.Plan plan = report.plan();
        assertThat(report.changesWritten()).isGreaterThanOrEqualTo(plan.changes());
        assertThat(report.faults().get(FaultCampaign.Fault.MONGO_RESTART)).isEqualTo(plan.mongoRestarts());
        assertThat(report.faults().get(FaultCampaign.Fault.MIRROR_KILL)).isEqualTo(plan.mirrorKills());
        assertThat(report.faults().get(FaultCampaign.Fault.POSTGRES_RESTART)).isEqualTo(plan.postgresRestarts());
        assertThat(report.faults().get(FaultCampaign.Fault.RESYNC)).isEqualTo(plan.resyncs());
        assertThat(report.resyncFailures()).as("resyncs that exited non-zero").isZero();
        assertThat(report.lostInPrimary()).as("PostgreSQL kept every committed write").isZero();
        assertThat(report.lost()).as("lost: %s (mirror log: %s)", report.lostSamples(), work.resolve("mirror.log")).isZero();
        assertThat(report.regressed()).as("regressed").isZero();
        assertThat(report.regressionSamples()).as("versions were sampled during the run").isPositive();
        assertThat(report.verifyExit()).as("shoptwin verify exit code (see %s)", work.resolve("verify.log")).isZero();
        assertThat(report.passwordInChildLog()).as("password in the mirror's output").isFalse();
        assertThat(report.passed()).isTrue();
    }
}
