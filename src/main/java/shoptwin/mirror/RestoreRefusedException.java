package shoptwin.mirror;

/** Restore would overwrite rows and was not told to (--force). Nothing was written. */
public final class RestoreRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RestoreRefusedException(String message) {
        super(message);
    }
}
