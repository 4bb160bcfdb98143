package shoptwin.ui.fakes;

import shoptwin.ui.common.Debouncer;

/** Keeps only the latest submission until the test says the pause is over. */
public final class ManualDebouncer implements Debouncer {
    private Runnable pending;
    private int submissions;

    @Override
    public void submit(Runnable action) {
        pending = action;
        submissions++;
    }

    public void pauseOver() {
        Runnable r = pending;
        pending = null;
        if (r != null) {
            r.run();
        }
    }

    public boolean hasPending() {
        return pending != null;
    }

    public int submissions() {
        return submissions;
    }
}
