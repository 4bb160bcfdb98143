package shoptwin.ui.common;

import java.util.Optional;

/** What the console remembers about itself between runs: theme, window geometry, the last folder used for files. */
public interface UiPreferences {

    boolean darkTheme();

    void setDarkTheme(boolean dark);

    Optional<WindowGeometry> windowGeometry();

    void setWindowGeometry(WindowGeometry geometry);

    /** The folder the last file was saved to or opened from (export, import, receipts). */
    Optional<java.nio.file.Path> lastFolder();

    void setLastFolder(java.nio.file.Path folder);

    /** Where a screen's divider was left (0..1 of the split), by the screen's name; empty: the screen's default. */
    java.util.OptionalDouble divider(String screen);

    /** Remembers a divider; cheap enough to call while it is dragged (written to disk later, not on the FX thread). */
    void setDivider(String screen, double position);

    record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    }
}
