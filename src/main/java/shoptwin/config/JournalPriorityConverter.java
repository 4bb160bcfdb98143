package shoptwin.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %journalPriority}: the {@code <N>} prefix (sd-daemon(3)) that journald reads from a service's
 * stdout as the line's priority, so that {@code journalctl -p warning -u shoptwin-mirror} finds the warnings.
 */
public class JournalPriorityConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        int level = event.getLevel().toInt();
        if (level >= Level.ERROR_INT) {
            return "<3>";
        }
        if (level >= Level.WARN_INT) {
            return "<4>";
        }
        return level >= Level.INFO_INT ? "<6>" : "<7>";
    }
}
