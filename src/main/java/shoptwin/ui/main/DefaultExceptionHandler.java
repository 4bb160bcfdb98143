package shoptwin.ui.main;

import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.Secrets;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.UiErrors;

/**
 * The last resort for exceptions nothing else caught: logged once with the stack trace, and on the
 * FX thread the user sees a short message (never the trace). A burst of the same failure (a broken
 * cell renderer, say) shows one dialog, not hundreds.
 */
public final class DefaultExceptionHandler implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultExceptionHandler.class);
    private final DialogService dialogs;
    private final AtomicBoolean showing = new AtomicBoolean();

    public DefaultExceptionHandler(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        LOG.error("Uncaught exception on {}: {}", thread.getName(), Secrets.mask(String.valueOf(failure.getMessage())), failure);
        if (dialogs == null || !showing.compareAndSet(false, true)) {
            return;
        }
        Runnable show = () -> {
            try {
                dialogs.showError("Something went wrong", UiErrors.userMessage(failure)
                        + "\n\nThe details are in the log. Your saved data is not affected.");
            } finally {
                showing.set(false);
            }
        };
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }
}
