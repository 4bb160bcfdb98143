package shoptwin.mirror;

/**
 * The mirror's test seams for tests outside this package (the headless service's): the public builder
 * has none, so that no production caller can reach a fault point.
 */
public final class MirrorFaultPoints {
    private MirrorFaultPoints() {
    }

    /** Runs {@code hook} after MongoDB acknowledged each batch, before the change log is trimmed. */
    public static MirrorService.Builder afterMongoWrite(MirrorService.Builder builder, Runnable hook) {
        return ((MirrorBuilder) builder).afterMongoWrite(hook);
    }
}
