package shoptwin.ui;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import shoptwin.ui.common.UiPreferences;

/** Puts the window back where it was, unless that place is no longer on any screen. */
final class WindowPlacement {
    private WindowPlacement() {
    }

    static void restore(Stage stage, UiPreferences preferences) {
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        var saved = preferences.windowGeometry();
        if (saved.isEmpty()) {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(1440, screen.getWidth()));
            stage.setHeight(Math.min(900, screen.getHeight()));
            return;
        }
        var g = saved.get();
        stage.setWidth(g.width());
        stage.setHeight(g.height());
        boolean visible = !Double.isNaN(g.x()) && !Double.isNaN(g.y())
                && !Screen.getScreensForRectangle(new Rectangle2D(g.x(), g.y(), g.width(), g.height())).isEmpty();
        if (visible) {
            stage.setX(g.x());
            stage.setY(g.y());
        }
        stage.setMaximized(g.maximized());
    }

    static void save(Stage stage, UiPreferences preferences) {
        if (stage.isMaximized()) {
            preferences.windowGeometry().ifPresentOrElse(
                    g -> preferences.setWindowGeometry(new UiPreferences.WindowGeometry(g.x(), g.y(), g.width(), g.height(), true)),
                    () -> preferences.setWindowGeometry(new UiPreferences.WindowGeometry(stage.getX(), stage.getY(), 1280, 800, true)));
        } else {
            preferences.setWindowGeometry(new UiPreferences.WindowGeometry(stage.getX(), stage.getY(),
                    stage.getWidth(), stage.getHeight(), false));
        }
    }
}
