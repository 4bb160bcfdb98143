package shoptwin.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where ShopTwin keeps its own files on this computer: {@code $SHOPTWIN_DATA_DIR} if set (tests,
 * portable installs), else {@code $XDG_DATA_HOME/shoptwin}, else {@code ~/.local/share/shoptwin}.
 * The demo databases live in its {@code demo} folder.
 */
public final class DataDirectory {
    public static final String ENV = "SHOPTWIN_DATA_DIR";
    /** Same as the environment variable, for tests and launchers that cannot set one. */
    public static final String PROPERTY = "shoptwin.data.dir";

    private DataDirectory() {
    }

    public static Path resolve() {
        return resolve(System.getenv(), System.getProperty(PROPERTY), System.getProperty("user.home"));
    }

    static Path resolve(Map<String, String> env, String property, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "shoptwin");
        }
        return Path.of(userHome, ".local", "share", "shoptwin");
    }

    /** The demo mode's folder: {@code <data dir>/demo}. */
    public static Path demo() {
        return resolve().resolve("demo");
    }
}
