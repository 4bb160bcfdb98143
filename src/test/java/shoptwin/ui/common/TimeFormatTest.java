package shoptwin.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeFormatTest {
    private static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

    @Test
    void aMomentTodayIsItsTimeOfDayAndAnotherDayAddsTheDate() {
        assertThat(TimeFormat.time(NOW.minusSeconds(5), NOW, ZoneOffset.UTC)).isEqualTo("13:59:55");
        assertThat(TimeFormat.time(NOW.minus(Duration.ofDays(2)), NOW, ZoneOffset.UTC)).isEqualTo("23 Nov 14:00:00");
        assertThat(TimeFormat.time(null, NOW, ZoneOffset.UTC)).isEqualTo("never");
    }
}
