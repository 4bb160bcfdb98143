package shoptwin.ui.common;

/**
 * The one way view models run store calls: off the FX thread, with outcomes delivered on it.
 * Tests use a same-thread implementation.
 */
public interface UiExecutor {
    <T> void execute(BackgroundTask<T> task);
}
