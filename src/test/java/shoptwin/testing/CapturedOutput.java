package shoptwin.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything a run prints, for secret hunting: log lines as ShopTwin's layout renders them
 * (through the masking converters), the raw log events before any masking, and System.out/err.
 */
public final class CapturedOutput implements AutoCloseable {
    private final ByteArrayOutputStream rendered = new ByteArrayOutputStream();
    private final List<String> raw = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PrintStream oldOut = System.out;
    private final PrintStream oldErr = System.err;
    private final OutputStreamAppender<ILoggingEvent> renderedAppender = new OutputStreamAppender<>();
    private final AppenderBase<ILoggingEvent> rawAppender;
    private final Logger root;

    public CapturedOutput() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // the same conversion words as logback.xml, so this sees what the log file would hold
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger - %maskedMsg%n%maskedEx");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        renderedAppender.setContext(context);
        renderedAppender.setEncoder(encoder);
        renderedAppender.setOutputStream(rendered);
        renderedAppender.setName("captured-rendered");
        renderedAppender.start();
        rawAppender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                StringBuilder sb = new StringBuilder(e.getLoggerName()).append(": ").append(e.getFormattedMessage());
                for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                }
                raw.add(sb.toString());
            }
        };
        rawAppender.setContext(context);
        rawAppender.setName("captured-raw");
        rawAppender.start();
        root.addAppender(renderedAppender);
        root.addAppender(rawAppender);
        System.setOut(new PrintStream(new Tee(stdout, oldOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(stderr, oldErr), true, StandardCharsets.UTF_8));
    }

    public synchronized String renderedLog() {
        return rendered.toString(StandardCharsets.UTF_8);
    }

    public List<String> rawLogEvents() {
        return List.copyOf(raw);
    }

    public String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    public String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        root.detachAppender(renderedAppender);
        root.detachAppender(rawAppender);
        renderedAppender.stop();
        rawAppender.stop();
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
