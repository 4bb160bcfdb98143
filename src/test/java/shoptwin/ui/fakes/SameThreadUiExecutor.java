package shoptwin.ui.fakes;

import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.UiExecutor;

/** Runs the work and its outcome right away, on the caller's thread: view-model tests need no toolkit. */
public final class SameThreadUiExecutor implements UiExecutor {
    @Override
    public <T> void execute(BackgroundTask<T> task) {
        T result;
        try {
            result = task.work().call();
        } catch (Throwable t) {
            task.complete(null, t);
            return;
        }
        task.complete(result, null);
    }
}
