package shoptwin.ui.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Work for the background (a store call) with what to do on the FX thread when it ends.
 * Built fluently, run with {@link #executeWith(UiExecutor)}.
 */
public final class BackgroundTask<T> {
    private final Callable<T> work;
    private Consumer<T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure;
    private Runnable onFinally = () -> { };

    private BackgroundTask(Callable<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(Callable<T> work) {
        return new BackgroundTask<>(work);
    }

    /** For work that returns nothing. */
    public static BackgroundTask<Void> run(Work work) {
        return new BackgroundTask<>(() -> {
            work.run();
            return null;
        });
    }

    public BackgroundTask<T> onSuccess(Consumer<T> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> handler) {
        this.onFailure = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs after onSuccess or onFailure, on the FX thread: clear "saving" flags here. */
    public BackgroundTask<T> onFinally(Runnable handler) {
        this.onFinally = Objects.requireNonNull(handler);
        return this;
    }

    public void executeWith(UiExecutor executor) {
        executor.execute(this);
    }

    public Callable<T> work() {
        return work;
    }

    /** Delivers the outcome; the executor calls this on the FX thread. */
    public void complete(T result, Throwable failure) {
        try {
            if (failure == null) {
                onSuccess.accept(result);
            } else if (onFailure != null) {
                onFailure.accept(failure);
            } else {
                UiErrors.unhandled(failure);
            }
        } finally {
            onFinally.run();
        }
    }

    /** A piece of work that may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }
}
