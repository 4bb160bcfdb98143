package shoptwin.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml (console and file) never lets a password through. */
class MaskedLoggingTest {
    @TempDir
    Path logDir;

    @Test
    void passwordsInMessagesAndExceptionsNeverReachTheLogFileOrConsole() throws Exception {
        // a password known from the configuration, appearing raw where no pattern would spot it
        SupabaseUrl.parse("postgresql://postgres.ref:Rawp4ssw0rdXyz@db.ref.supabase.co:5432/postgres");

        ShippedLogging.Output printed = ShippedLogging.capture(logDir, context -> {
            Logger log = context.getLogger("shoptwin.test");
            log.info("connecting to postgresql://postgres:UrlSecret123@db.ref.supabase.co:5432/postgres");
            log.info("jdbc:postgresql://h:5432/db?user=u&password=ParamSecret456&sslmode=require");
            log.warn("driver said: authentication with Rawp4ssw0rdXyz failed");
            log.error("save failed", new IllegalStateException("wrapper for mongodb://admin:MongoSecret789@m:27017",
                    new SQLException("FATAL: bad password=ParamSecret456 for Rawp4ssw0rdXyz")));
        });

        for (String text : new String[] {printed.file(), printed.stderr()}) {
            assertThat(text)
                    .contains("connecting to postgresql://postgres:****@db.ref.supabase.co")
                    .contains("IllegalStateException")
                    .contains("at shoptwin.config.MaskedLoggingTest") // the stack trace is still there
                    .doesNotContain("UrlSecret123")
                    .doesNotContain("ParamSecret456")
                    .doesNotContain("Rawp4ssw0rdXyz")
                    .doesNotContain("MongoSecret789");
        }
    }

    @Test
    void logDirectoryFollowsXdgStateHome() {
        String previous = System.getProperty("shoptwin.logDir");
        System.clearProperty("shoptwin.logDir");
        try {
            assertThat(LogDirectory.resolve(java.util.Map.of("XDG_STATE_HOME", "/tmp/state")))
                    .isEqualTo(Path.of("/tmp/state/shoptwin/logs"));
            assertThat(LogDirectory.resolve(java.util.Map.of()))
                    .isEqualTo(Path.of(System.getProperty("user.home"), ".local/state/shoptwin/logs"));
        } finally {
            if (previous != null) {
                System.setProperty("shoptwin.logDir", previous);
            }
        }
    }
}
