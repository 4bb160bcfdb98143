package shoptwin.ui.common;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** Restarts a pause on every submission; the action runs on the FX thread when the pause ends. */
public final class FxDebouncer implements Debouncer {
    private final PauseTransition pause;
    private Runnable pending;

    public FxDebouncer(long millis) {
        this.pause = new PauseTransition(Duration.millis(millis));
        pause.setOnFinished(e -> {
            Runnable r = pending;
            pending = null;
            if (r != null) {
                r.run();
            }
        });
    }

    @Override
    public void submit(Runnable action) {
        pending = action;
        pause.playFromStart();
    }
}
