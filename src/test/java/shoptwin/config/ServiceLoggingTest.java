package shoptwin.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless mirror's stdout: one masked line per event, for the journal or any supervisor; the file log as always. */
class ServiceLoggingTest {
    @TempDir
    Path logDir;

    /** What the shipped logback.xml plus Logging.forService print on stdout, and the log file. */
    private List<String> serviceStdout(boolean journal, String[] fileOut) throws Exception {
        ShippedLogging.Output printed = ShippedLogging.capture(logDir, context -> {
            Logging.forService(context, journal);
            Logging.forService(context, journal); // twice: still one line per event

            Logger log = context.getLogger("shoptwin.service.HeadlessMirror");
            log.info("[DB Sync] Mirrored 3 change(s) to MongoDB");
            log.warn("[DB Sync] Waiting for MongoDB: cannot reach mongodb://shop:Svc-S3cret-pw@m:27017\nsecond line of the driver's text");
            log.error("[DB Sync] The mirror stopped unexpectedly", new IllegalStateException("wrapper",
                    new SQLException("FATAL: password=Svc-S3cret-pw refused", new ConnectException("Connection refused"))));
            context.getLogger("shoptwin.service").debug("not shown: the level is INFO");
        });
        fileOut[0] = printed.file();
        return printed.stdout().lines().toList();
    }

    @Test
    void underTheJournalEachEventIsOneMaskedLineWithItsPriority() throws Exception {
        String[] file = new String[1];
        List<String> lines = serviceStdout(true, file);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("<6>INFO  s.service.HeadlessMirror - [DB Sync] Mirrored 3 change(s) to MongoDB");
        assertThat(lines.get(1)).isEqualTo("<4>WARN  s.service.HeadlessMirror - [DB Sync] Waiting for MongoDB: cannot reach"
                + " mongodb://shop:****@m:27017 second line of the driver's text");
        assertThat(lines.get(2)).isEqualTo("<3>ERROR s.service.HeadlessMirror - [DB Sync] The mirror stopped unexpectedly"
                + " (IllegalStateException: wrapper; caused by SQLException: FATAL: password=**** refused;"
                + " caused by ConnectException: Connection refused)");
        // the file log is as it always was: timestamps, thread, the whole stack trace, masked
        assertThat(file[0]).contains("\tat shoptwin.config.ServiceLoggingTest").contains("[DB Sync] Mirrored 3 change(s)")
                .doesNotContain("Svc-S3cret-pw");
    }

    @Test
    void elsewhereEachLineStartsWithItsTime() throws Exception {
        List<String> lines = serviceStdout(false, new String[1]);

        assertThat(lines).hasSize(3).allMatch(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* (INFO |WARN |ERROR) .*"));
        assertThat(String.join("\n", lines)).doesNotContain("Svc-S3cret-pw").doesNotContain("\tat ");
    }

    @Test
    void systemdIsRecognisedByWhatItSetsForItsServices() {
        assertThat(Logging.underServiceManager(Map.of())).isFalse();
        assertThat(Logging.underServiceManager(Map.of("INVOCATION_ID", "4b1c0b7e5d2a4f6e"))).isTrue();
        assertThat(Logging.underServiceManager(Map.of("JOURNAL_STREAM", "8:12345"))).isTrue();
        assertThat(Logging.toJournal(Map.of("INVOCATION_ID", "4b1c0b7e5d2a4f6e"))).as("stdout may be a file or a socket").isFalse();
        assertThat(Logging.toJournal(Map.of("JOURNAL_STREAM", "8:12345"))).isTrue();
    }

    @Test
    void theLogDirectoryIsSystemdsWhenTheUnitHasOne() {
        String previous = System.getProperty("shoptwin.logDir");
        System.clearProperty("shoptwin.logDir");
        try {
            assertThat(LogDirectory.resolve(Map.of("LOGS_DIRECTORY", "/var/log/shoptwin", "XDG_STATE_HOME", "/tmp/state")))
                    .isEqualTo(Path.of("/var/log/shoptwin"));
            assertThat(LogDirectory.resolve(Map.of("LOGS_DIRECTORY", "/var/log/shoptwin:/var/log/other"))).isEqualTo(Path.of("/var/log/shoptwin"));
        } finally {
            if (previous != null) {
                System.setProperty("shoptwin.logDir", previous);
            }
        }
    }
}
