package shoptwin.config;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %maskedExLine}: a logged exception as one masked line, {@code  (SQLException: refused; caused by
 * ConnectException: Connection refused)}, for the service's stdout, where a journal keeps one line per
 * event. The file log keeps the whole stack trace ({@code %maskedEx}).
 */
public class MaskedThrowableLineConverter extends ThrowableHandlingConverter {
    private static final int MAX_CAUSES = 5;

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        if (t == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        for (int depth = 0; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (depth > 0) {
                sb.append("; caused by ");
            }
            String name = t.getClassName();
            sb.append(name.substring(name.lastIndexOf('.') + 1));
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return Secrets.maskAll(sb.append(')').toString().replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }
}
