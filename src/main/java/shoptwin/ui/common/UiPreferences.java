package shoptwin.ui.common;

import java.util.Optional;

/** What the console remembers about itself between runs: theme and window geometry. */
public interface UiPreferences {

    boolean darkTheme();

    void setDarkTheme(boolean dark);

    Optional<WindowGeometry> windowGeometry();

    void setWindowGeometry(WindowGeometry geometry);

    record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    }
}
