package shoptwin.ui.fakes;

import java.util.ArrayDeque;
import java.util.Deque;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.UiExecutor;

/** Holds tasks until the test runs them: for asserting what the screen shows while a call is in flight. */
public final class QueuedUiExecutor implements UiExecutor {
    private final Deque<BackgroundTask<?>> pending = new ArrayDeque<>();
    private final SameThreadUiExecutor now = new SameThreadUiExecutor();

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        pending.add(task);
    }

    public int pending() {
        return pending.size();
    }

    public void runNext() {
        now.execute(pending.removeFirst());
    }

    public void runAll() {
        while (!pending.isEmpty()) {
            runNext();
        }
    }

    /** Runs the newest task first: answers arriving out of order. */
    public void runLast() {
        now.execute(pending.removeLast());
    }
}
