package shoptwin.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Cancel button's signal to long work on another thread: checked, or pushed to a hook. */
public final class Cancellation {
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
        for (Runnable hook : hooks) {
            hook.run();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code hook} on cancel (at once if already cancelled). */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
    }
}
