package shoptwin.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Small run-time adjustments to the logback configuration (logback.xml). */
public final class Logging {
    private Logging() {
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
