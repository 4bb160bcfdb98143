package shoptwin.config;

import ch.qos.logback.core.PropertyDefinerBase;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the log files go, for logback.xml's {@code LOG_DIR}: the system property
 * {@code shoptwin.logDir} if set, else {@code $LOGS_DIRECTORY} (set by systemd for a unit with
 * {@code LogsDirectory=}, as the packaged mirror service has), else %LOCALAPPDATA%\ShopTwin\logs on
 * Windows, else $XDG_STATE_HOME/shoptwin/logs or ~/.local/state/shoptwin/logs.
 */
public class LogDirectory extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        return resolve(System.getenv()).toString();
    }

    public static Path resolve(Map<String, String> env) {
        String override = System.getProperty("shoptwin.logDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String systemd = env.get("LOGS_DIRECTORY");
        if (systemd != null && !systemd.isBlank()) {
            return Path.of(systemd.split(":")[0]); // one path per LogsDirectory= entry; the unit has one
        }
        String localAppData = env.get("LOCALAPPDATA");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                && localAppData != null && !localAppData.isBlank()) {
            return Path.of(localAppData, "ShopTwin", "logs");
        }
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) {
            return Path.of(state, "shoptwin", "logs");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "shoptwin", "logs");
    }
}
