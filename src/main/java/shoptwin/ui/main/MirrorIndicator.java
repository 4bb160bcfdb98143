package shoptwin.ui.main;

/**
 * The small mirror-health dot in the status bar and its words. The status work binds
 * {@link MainViewModel#mirrorIndicatorProperty()} to the mirror's published health.
 */
public record MirrorIndicator(Level level, String text) {
    public enum Level { UNKNOWN, OK, WARNING, DANGER }

    public static MirrorIndicator unknown() {
        return new MirrorIndicator(Level.UNKNOWN, "Mirror: status not available yet");
    }
}
