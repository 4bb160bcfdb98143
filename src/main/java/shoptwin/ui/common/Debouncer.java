package shoptwin.ui.common;

/**
 * Runs only the last of a burst of submissions, once things went quiet (search-as-you-type).
 * The real one is a PauseTransition on the FX thread; tests fire by hand.
 */
public interface Debouncer {
    void submit(Runnable action);
}
