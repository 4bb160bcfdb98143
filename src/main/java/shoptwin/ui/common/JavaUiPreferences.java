package shoptwin.ui.common;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Per-user preferences through java.util.prefs (nothing secret is kept here). */
public final class JavaUiPreferences implements UiPreferences {
    private static final Logger LOG = LoggerFactory.getLogger(JavaUiPreferences.class);
    private final Preferences node;

    public JavaUiPreferences() {
        this(Preferences.userRoot().node("shoptwin/console"));
    }

    public JavaUiPreferences(Preferences node) {
        this.node = node;
    }

    @Override
    public boolean darkTheme() {
        return node.getBoolean("theme.dark", false);
    }

    @Override
    public void setDarkTheme(boolean dark) {
        node.putBoolean("theme.dark", dark);
        flush();
    }

    @Override
    public Optional<WindowGeometry> windowGeometry() {
        double w = node.getDouble("window.width", -1);
        double h = node.getDouble("window.height", -1);
        if (w < 200 || h < 150) {
            return Optional.empty();
        }
        return Optional.of(new WindowGeometry(node.getDouble("window.x", Double.NaN),
                node.getDouble("window.y", Double.NaN), w, h, node.getBoolean("window.maximized", false)));
    }

    @Override
    public void setWindowGeometry(WindowGeometry g) {
        node.putDouble("window.x", g.x());
        node.putDouble("window.y", g.y());
        node.putDouble("window.width", g.width());
        node.putDouble("window.height", g.height());
        node.putBoolean("window.maximized", g.maximized());
        flush();
    }

    @Override
    public Optional<java.nio.file.Path> lastFolder() {
        String f = node.get("files.lastFolder", null);
        try {
            return f == null ? Optional.empty() : Optional.of(java.nio.file.Path.of(f));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    @Override
    public void setLastFolder(java.nio.file.Path folder) {
        node.put("files.lastFolder", folder.toAbsolutePath().toString());
        flush();
    }

    @Override
    public java.util.OptionalDouble divider(String screen) {
        double d = node.getDouble("divider." + screen, Double.NaN);
        return d > 0 && d < 1 ? java.util.OptionalDouble.of(d) : java.util.OptionalDouble.empty();
    }

    @Override
    public void setDivider(String screen, double position) {
        // no flush: java.util.prefs writes its changes in the background and at exit, so a drag does no I/O here
        node.putDouble("divider." + screen, position);
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // losing the window position is harmless; say so once in the log
            LOG.warn("Could not save console preferences: {}", e.getMessage());
        }
    }
}
