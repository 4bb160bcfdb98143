package shoptwin.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Small run-time adjustments to the logback configuration (logback.xml). */
public final class Logging {
    /** The appender {@link #forService} adds. */
    public static final String STDOUT = "SERVICE_STDOUT";
    /** One line per event; exceptions as one line too (the file log keeps their stack traces). */
    static final String SERVICE_LINE = "%-5level %logger{30} - %replace(%maskedMsg){'[\\r\\n]+', ' '}%maskedExLine%n";

    private Logging() {
    }

    /**
     * Whether a service manager collects this process's output: systemd sets {@code INVOCATION_ID} for
     * every unit it runs and {@code JOURNAL_STREAM} when stdout goes to the journal.
     */
    public static boolean underServiceManager(Map<String, String> env) {
        return notBlank(env.get("INVOCATION_ID")) || notBlank(env.get("JOURNAL_STREAM"));
    }

    /** Whether stdout is the journal (then each line starts with its priority, and journald adds the time). */
    public static boolean toJournal(Map<String, String> env) {
        return notBlank(env.get("JOURNAL_STREAM"));
    }

    /**
     * For {@code shoptwin mirror} as a service: every log event also goes to stdout, masked, one line
     * each, for the journal or whatever supervisor collects it; the file log stays as it is. Safe to
     * call twice.
     */
    public static void forService(boolean journal) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            forService(context, journal);
        }
    }

    static void forService(LoggerContext context, boolean journal) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(STDOUT) != null) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern((journal ? "%journalPriority" : "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} ") + SERVICE_LINE);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName(STDOUT);
        stdout.setTarget("System.out");
        stdout.setEncoder(encoder);
        stdout.start();
        root.addAppender(stdout);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * For the command line: its own output is what people read, so log lines go only to the log
     * file (unless {@code verbose}, which also turns on DEBUG for ShopTwin on the console).
     */
    public static void forCommandLine(boolean verbose) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (verbose) {
            context.getLogger("shoptwin").setLevel(Level.DEBUG);
        } else if (root.getAppender("CONSOLE") != null) {
            root.detachAppender("CONSOLE");
        }
    }
}
