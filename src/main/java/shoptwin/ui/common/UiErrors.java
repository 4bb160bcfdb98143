package shoptwin.ui.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import shoptwin.config.Secrets;
import shoptwin.domain.ValidationException;
import shoptwin.store.StoreException;

/** Turns failures into sentences for people: masked, no stack traces. Logs the unexpected once. */
public final class UiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(UiErrors.class);

    private UiErrors() {
    }

    public static Throwable unwrap(Throwable t) {
        Throwable x = t;
        while ((x instanceof CompletionException || x instanceof ExecutionException) && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    /** A message fit for a dialog or an inline label. */
    public static String userMessage(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof StoreException || t instanceof ValidationException) {
            return Secrets.mask(t.getMessage());
        }
        String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return "Something went wrong: " + Secrets.mask(detail);
    }

    /** Expected failures (the store said no) are not bugs; everything else is logged with its trace. */
    public static void logIfUnexpected(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof StoreException || t instanceof ValidationException) {
            LOG.info("Store refused: {}", Secrets.mask(t.getMessage()));
        } else {
            LOG.error("Unexpected failure: {}", Secrets.mask(String.valueOf(t.getMessage())), t);
        }
    }

    /** A task failed and nobody handled it: log it once. */
    static void unhandled(Throwable failure) {
        LOG.error("Unhandled background failure: {}", Secrets.mask(String.valueOf(failure.getMessage())), failure);
    }
}
