package shoptwin.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped logback.xml in a logger context of its own, writing its file to a test folder; what it printed. */
final class ShippedLogging {
    private ShippedLogging() {
    }

    /** What one run printed: on stdout, on stderr, and in the log file. */
    record Output(String stdout, String stderr, String file) {
    }

    interface Body {
        void log(LoggerContext context) throws Exception;
    }

    static Output capture(Path logDir, Body body) throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String previous = System.getProperty("shoptwin.logDir");
        System.setProperty("shoptwin.logDir", logDir.toString());
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.start();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(ShippedLogging.class.getResource("/logback.xml"));
            body.log(context);
        } finally {
            context.stop();
            System.setOut(originalOut);
            System.setErr(originalErr);
            if (previous == null) {
                System.clearProperty("shoptwin.logDir");
            } else {
                System.setProperty("shoptwin.logDir", previous);
            }
        }
        return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), file(logDir));
    }

    private static String file(Path logDir) throws IOException {
        Path log = logDir.resolve("shoptwin.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
