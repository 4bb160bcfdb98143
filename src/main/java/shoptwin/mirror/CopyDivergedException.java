package shoptwin.mirror;

/**
 * Supabase and the copy no longer belong to one history: whoever was about to write the copy (a mirror
 * batch, a resync) wrote nothing. Unchecked, so that it passes the write lock's unlock unchanged.
 */
public final class CopyDivergedException extends RuntimeException {
    private final transient Divergence divergence;

    public CopyDivergedException(Divergence divergence) {
        super(divergence.sentence() + " " + divergence.waysOut());
        this.divergence = divergence;
    }

    public Divergence divergence() {
        return divergence;
    }
}
