package shoptwin.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings file in the user's config directory: {@code settings.json}, a flat JSON object whose
 * keys are the environment variables' names ({@code SUPABASE_DB_URL}, {@code MONGODB_URI},
 * {@code SHOPTWIN_THEME}, ...). It holds a password, so it is written owner-only (rw-------, its
 * directory rwx------) and atomically (a temp file moved into place), so a crash never leaves half a file.
 */
public final class SettingsFile {
    public static final String FILE_NAME = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public SettingsFile(Path dir) {
        this.dir = dir;
    }

    /**
     * SHOPTWIN_CONFIG_DIR if set; else %APPDATA%\ShopTwin on Windows; else
     * $XDG_CONFIG_HOME/shoptwin or ~/.config/shoptwin.
     */
    public static Path defaultDir(Map<String, String> env) {
        String override = env.get("SHOPTWIN_CONFIG_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String appData = env.get("APPDATA");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                && appData != null && !appData.isBlank()) {
            return Path.of(appData, "ShopTwin");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "shoptwin");
        }
        return Path.of(System.getProperty("user.home"), ".config", "shoptwin");
    }

    public Path dir() {
        return dir;
    }

    public Path path() {
        return dir.resolve(FILE_NAME);
    }

    /** The stored values; empty when there is no file yet. */
    public Map<String, String> read() {
        Path file = path();
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> raw = JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
            Map<String, String> values = new LinkedHashMap<>();
            raw.forEach((k, v) -> {
                if (v != null) {
                    values.put(k, String.valueOf(v));
                }
            });
            return values;
        } catch (IOException e) {
            // the parser's message can quote the file's text, which holds a password
            throw new InvalidSettingException(file.toString(), "json",
                    "The settings file " + file + " is not valid JSON: fix or delete it.");
        }
    }

    /** Replaces the file's content with {@code values}. */
    public void write(Map<String, String> values) {
        try {
            createPrivateDir();
            Path tmp = Files.createTempFile(dir, ".settings-", ".tmp");
            try {
                restrict(tmp, OWNER_FILE);
                JSON.writeValue(tmp.toFile(), new TreeMap<>(values));
                try {
                    Files.move(tmp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            restrict(path(), OWNER_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(), e);
        }
    }

    /** Sets the given keys (a null or blank value removes the key), keeping the others. */
    public void update(Map<String, String> changes) {
        Map<String, String> values = new LinkedHashMap<>(read());
        changes.forEach((k, v) -> {
            if (v == null || v.isBlank()) {
                values.remove(k);
            } else {
                values.put(k, v);
            }
        });
        write(values);
    }

    private void createPrivateDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            if (isPosix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        restrict(dir, OWNER_DIR);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (isPosix()) {
            Files.setPosixFilePermissions(path, permissions);
        } else {
            // Windows: the user's profile directory is already private to the user
            path.toFile().setReadable(false, false);
            path.toFile().setReadable(true, true);
            path.toFile().setWritable(false, false);
            path.toFile().setWritable(true, true);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
