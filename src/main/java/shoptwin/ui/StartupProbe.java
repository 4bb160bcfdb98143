package shoptwin.ui;

import java.lang.management.ManagementFactory;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the start-up benchmark (docs/benchmarks.md): with {@code -Dshoptwin.startupProbe=true} the console
 * logs {@code SHOPTWIN_STARTUP <stage> <ms since JVM start>} when the window, each start-up step, the main
 * window and the first page of customers are shown (through the log like every other line, which the bench
 * reads on the console's stderr). Off by default: logs nothing, costs nothing.
 */
final class StartupProbe {
    private static final boolean ON = Boolean.getBoolean("shoptwin.startupProbe");
    private static final Logger log = LoggerFactory.getLogger(StartupProbe.class);
    /** Held until it fires: an unmodifiable view listens to its source weakly and could be collected. */
    private static ObservableList<?> watched;

    private StartupProbe() {
    }

    static void mark(String stage) {
        if (ON) {
            log.info("SHOPTWIN_STARTUP {} {}", stage, ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    /** Marks "customers" once the list first holds rows. */
    static void whenFirstRows(ObservableList<?> rows) {
        if (!ON) {
            return;
        }
        if (!rows.isEmpty()) {
            mark("customers");
            return;
        }
        watched = rows;
        rows.addListener(new ListChangeListener<Object>() {
            @Override
            public void onChanged(Change<?> change) {
                if (!rows.isEmpty()) {
                    rows.removeListener(this);
                    watched = null;
                    mark("customers");
                }
            }
        });
    }
}
