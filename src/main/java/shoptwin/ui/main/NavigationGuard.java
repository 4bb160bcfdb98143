package shoptwin.ui.main;

/** A screen that may hold unsaved work: it decides whether (and when) the user may leave. */
@FunctionalInterface
public interface NavigationGuard {
    /** Calls {@code proceed} now or later (after a save) if leaving is fine; not at all if cancelled. */
    void confirmLeave(Runnable proceed);
}
