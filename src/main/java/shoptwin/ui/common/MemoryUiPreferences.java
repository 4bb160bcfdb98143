package shoptwin.ui.common;

import java.util.Optional;

/** Preferences that live only as long as the window (tests, screenshots). */
public final class MemoryUiPreferences implements UiPreferences {
    private boolean dark;
    private WindowGeometry geometry;
    private java.nio.file.Path lastFolder;
    private final java.util.Map<String, Double> dividers = new java.util.HashMap<>();

    @Override
    public boolean darkTheme() {
        return dark;
    }

    @Override
    public void setDarkTheme(boolean dark) {
        this.dark = dark;
    }

    @Override
    public Optional<WindowGeometry> windowGeometry() {
        return Optional.ofNullable(geometry);
    }

    @Override
    public void setWindowGeometry(WindowGeometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public Optional<java.nio.file.Path> lastFolder() {
        return Optional.ofNullable(lastFolder);
    }

    @Override
    public void setLastFolder(java.nio.file.Path folder) {
        this.lastFolder = folder;
    }

    @Override
    public java.util.OptionalDouble divider(String screen) {
        Double d = dividers.get(screen);
        return d == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(d);
    }

    @Override
    public void setDivider(String screen, double position) {
        dividers.put(screen, position);
    }
}
