package shoptwin.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
