package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import shoptwin.failover.DatabaseStatus;
import shoptwin.failover.MonitoredDatabase;
import shoptwin.failover.Reachability;
import org.junit.jupiter.api.Test;

class StatusFormatTest {

    @Test
    void aDatabaseCardShowsTheGistOfALongDriverErrorAndKeepsTheWholeForItsTooltip() {
        String driver = "Timed out while waiting for a server that matches ReadPreferenceServerSelector{readPreference=primary}. "
                + "Client view of cluster state is {type=UNKNOWN, servers=[{address=127.0.0.1:39379, type=UNKNOWN}]";
        assertThat(StatusFormat.shortError(driver)).isEqualTo("Timed out while waiting for a server that matches ReadPreferenceServe…");
        assertThat(StatusFormat.shortError("Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct"))
                .isEqualTo("Connection to 127.0.0.1:5432 refused");
        assertThat(StatusFormat.shortError("password authentication failed for postgresql://u:s3cret@h/db"))
                .doesNotContain("s3cret");
        assertThat(StatusFormat.niceCeiling(0)).isEqualTo(10);
        assertThat(StatusFormat.niceCeiling(11)).isEqualTo(20);
        assertThat(StatusFormat.niceCeiling(160)).isEqualTo(200);
        assertThat(StatusFormat.niceCeiling(260)).isEqualTo(500);
    }

    @Test
    void formatsDurationsAndRoundTrips() {
        assertThat(StatusFormat.duration(Duration.ofSeconds(0))).isEqualTo("0 s");
        assertThat(StatusFormat.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(StatusFormat.duration(Duration.ofSeconds(120))).isEqualTo("2 min");
        assertThat(StatusFormat.duration(Duration.ofSeconds(3 * 3600 + 5 * 60 + 9))).isEqualTo("3 h 5 min");
        assertThat(StatusFormat.duration(Duration.ofHours(50))).isEqualTo("2 d 2 h");
        assertThat(StatusFormat.roundTrip(Duration.ofMillis(4))).isEqualTo("4 ms");
        assertThat(StatusFormat.roundTrip(Duration.ofNanos(600_000))).isEqualTo("0.6 ms");
        assertThat(StatusFormat.roundTrip(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }

    @Test
    void aDatabaseDownSaysSoInPlainWordsCountingFromItsLastAnswer() {
        Instant now = Instant.parse("2026-11-25T14:00:00Z");
        // errors began 20 s ago; the monitor declared it down only 1 s ago
        DatabaseStatus down = new DatabaseStatus(MonitoredDatabase.SUPABASE, Reachability.DOWN, null, 4, now,
                now.minusSeconds(20), now.minusSeconds(1), "An I/O error occurred while sending to the backend. (EOFException)");
        assertThat(StatusFormat.database(down, now)).isEqualTo("Down for 20 s: the connection was cut");
        assertThat(StatusFormat.plainError("Prematurely reached end of stream")).isEqualTo("the connection was cut");
        assertThat(StatusFormat.plainError("shoptwin-pg - Connection is not available, request timed out after 5000ms (total=0)"))
                .isEqualTo("no answer in time");
        assertThat(StatusFormat.plainError("FATAL: password authentication failed for user \"shop\""))
                .isEqualTo("the user name or password was refused");
        assertThat(StatusFormat.plainError("java.net.UnknownHostException: db.example.con")).contains("name is not known");
    }

    @Test
    void theLagChartPicksAUnitThatReadsAndTheWarningRoundsHowFarBehind() {
        assertThat(StatusFormat.LagUnit.forMax(45)).isEqualTo(StatusFormat.LagUnit.SECONDS);
        assertThat(StatusFormat.LagUnit.forMax(600)).isEqualTo(StatusFormat.LagUnit.MINUTES);
        assertThat(StatusFormat.LagUnit.forMax(3 * 3600)).isEqualTo(StatusFormat.LagUnit.HOURS);
        assertThat(StatusFormat.LagUnit.MINUTES.of(90)).isEqualTo(1.5);
        assertThat(StatusFormat.behind(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(StatusFormat.behind(Duration.ofMinutes(12).plusSeconds(40))).isEqualTo("12 min");
        assertThat(StatusFormat.behind(Duration.ofMinutes(130))).isEqualTo("2 h");
        assertThat(StatusFormat.behind(Duration.ofHours(75))).isEqualTo("3 d");
    }
}
