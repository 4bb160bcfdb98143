package shoptwin.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The installers are built by packaging/build.sh (jpackage is too slow for every build); this keeps
 * the committed assets it packages honest, so that a broken icon or desktop entry fails here first.
 */
class PackagingAssetsTest {

    private static final Path ASSETS = Path.of("assets");
    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256, 512);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void everyIconSizeIsCommittedAsAPngOfThatSize() throws IOException {
        assertThat(ASSETS.resolve("icon/shoptwin.svg")).isRegularFile();
        for (int size : ICON_SIZES) {
            Path png = ASSETS.resolve("icon/shoptwin-" + size + ".png");
            assertThat(png).isRegularFile();
            try (InputStream in = Files.newInputStream(png)) {
                assertThat(pngSize(in)).as(png.toString()).containsExactly(size, size);
            }
        }
    }

    @Test
    void theConsoleCanLoadItsWindowIconsFromTheClasspath() throws IOException {
        for (int size : ICON_SIZES) {
            String resource = "/shoptwin/icons/shoptwin-" + size + ".png";
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                assertThat(pngSize(in)).as(resource).containsExactly(size, size);
            }
        }
    }

    @Test
    void theDesktopEntryHasEveryKeyAMenuNeeds() throws IOException {
        Map<String, String> entry = desktopEntry();

        assertThat(entry).containsEntry("Type", "Application")
                .containsEntry("Name", "ShopTwin")
                .containsEntry("Terminal", "false")
                .containsEntry("Exec", "/opt/shoptwin/bin/ShopTwin")
                .containsEntry("Icon", "/opt/shoptwin/lib/ShopTwin.png");
        assertThat(entry.get("Comment")).isNotBlank();
        assertThat(entry.get("Categories")).endsWith(";");
        assertThat(entry.get("Categories").split(";")).contains("Office", "Finance");
    }

    @Test
    void theDesktopEntryNamesTheWindowClassOfTheConsole() throws Exception {
        // JavaFX on X11 sets WM_CLASS to the Application subclass's name; docks group windows by it.
        String windowClass = desktopEntry().get("StartupWMClass");

        Class<?> app = Class.forName(windowClass, false, getClass().getClassLoader());
        assertThat(app.getSuperclass().getName()).isEqualTo("javafx.application.Application");
    }

    @Test
    void theMaintainerScriptsNeverLetTheMenuEntryFailTheInstall() throws IOException {
        for (String script : List.of("postinst", "prerm")) { // postrm touches no menu entry
            String text = Files.readString(Path.of("packaging/linux", script), StandardCharsets.UTF_8);
            assertThat(text).as(script)
                    .contains("DESKTOP_FILE=/opt/shoptwin/lib/shoptwin-ShopTwin.desktop")
                    .containsPattern("xdg-desktop-menu (install|uninstall) \"\\$DESKTOP_FILE\" \\\\\\s+\\|\\|");
        }
        assertThat(Path.of("packaging/build.sh")).isRegularFile().isExecutable();
    }

    @Test
    void theMirrorServiceUnitRunsTheMirrorAsItsOwnUserHardenedAndRestartingAlways() throws IOException {
        Map<String, List<String>> unit = unitFile(Path.of("packaging/linux/shoptwin-mirror.service"));

        assertThat(unit.get("ExecStart")).containsExactly("/opt/shoptwin/bin/ShopTwin mirror");
        assertThat(unit.get("User")).containsExactly("shoptwin");
        assertThat(unit.get("Group")).containsExactly("shoptwin");
        assertThat(unit.get("EnvironmentFile")).containsExactly("/etc/shoptwin/mirror.env");
        assertThat(unit.get("Environment")).containsExactly("SHOPTWIN_HTTP=127.0.0.1:9464");
        assertThat(unit.get("Restart")).containsExactly("always");
        assertThat(unit.get("SuccessExitStatus")).as("the JVM's exit status after SIGTERM is a clean stop").containsExactly("143");
        assertThat(unit.get("StateDirectory")).containsExactly("shoptwin");
        assertThat(unit.get("LogsDirectory")).containsExactly("shoptwin");
        for (String hardening : List.of("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                "PrivateDevices=yes", "RestrictSUIDSGID=yes", "CapabilityBoundingSet=")) {
            String[] kv = hardening.split("=", 2);
            assertThat(unit.get(kv[0])).as(kv[0]).containsExactly(kv[1]);
        }
        assertThat(unit).as("the JIT writes code: MemoryDenyWriteExecute would break the JVM").doesNotContainKey("MemoryDenyWriteExecute");
        assertThat(unit.get("TimeoutStopSec")).as("longer than the mirror's own ~10 s bound").containsExactly("20");
        assertThat(unit.get("WantedBy")).containsExactly("multi-user.target");
        // the unit's command is the command line's: the same subcommand, with no console
        assertThat(new picocli.CommandLine(new shoptwin.cli.ShopTwinCommand()).getSubcommands()).containsKey("mirror");
    }

    @Test
    void theEnvFileHasOnlyCommentedExamplesOfRealSettingsAndIsShippedRootOnlyAsAConffile() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("packaging/linux/mirror.env"), StandardCharsets.UTF_8);
        assertThat(lines).filteredOn(l -> !l.isBlank()).allMatch(l -> l.startsWith("#"));
        List<String> examples = lines.stream().filter(l -> l.matches("#[A-Z_]+=.*")).map(l -> l.substring(1, l.indexOf('='))).toList();
        assertThat(examples).contains("SUPABASE_DB_URL", "MONGODB_URI", "MONGODB_DATABASE", "SHOPTWIN_HTTP");
        assertThat(shoptwin.config.Settings.KEYS).containsAll(examples);

        String build = Files.readString(Path.of("packaging/build.sh"), StandardCharsets.UTF_8);
        assertThat(build).contains("install -m 0600 packaging/linux/mirror.env \"$TREE/etc/shoptwin/mirror.env\"")
                .contains("echo /etc/shoptwin/mirror.env >> \"$TREE/DEBIAN/conffiles\"")
                .contains("packaging/linux/shoptwin-mirror.service \"$TREE/usr/lib/systemd/system/shoptwin-mirror.service\"")
                .contains("dpkg-deb --root-owner-group -b");
        String postinst = Files.readString(Path.of("packaging/linux/postinst"), StandardCharsets.UTF_8);
        assertThat(postinst).contains("adduser --system --group --home /var/lib/shoptwin")
                .contains("useradd --system --user-group").contains("chmod go-rwx \"$DPKG_ROOT$ENV_FILE\"");
        assertThat(postinst.lines().filter(l -> !l.strip().startsWith("#")))
                .as("installing enables and starts nothing").noneMatch(l -> l.contains("systemctl enable") || l.contains("systemctl start"));
        assertThat(Path.of("packaging/linux/postrm")).isRegularFile().isExecutable();
    }

    /** A systemd unit's keys and values (a key may repeat), comments and section headers left out. */
    private static Map<String, List<String>> unitFile(Path file) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.startsWith("[")) {
                continue;
            }
            String[] kv = l.split("=", 2);
            assertThat(kv).as("a unit line: " + l).hasSize(2);
            keys.computeIfAbsent(kv[0], k -> new java.util.ArrayList<>()).add(kv[1]);
        }
        return keys;
    }

    private static Map<String, String> desktopEntry() throws IOException {
        List<String> lines = Files.readAllLines(ASSETS.resolve("shoptwin.desktop"), StandardCharsets.UTF_8);
        assertThat(lines).first().isEqualTo("[Desktop Entry]");
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            assertThat(line).as("a desktop entry line").doesNotStartWith("[").contains("=");
            String[] pair = line.split("=", 2);
            assertThat(keys.put(pair[0], pair[1])).as("key %s given twice", pair[0]).isNull();
        }
        return keys;
    }

    /** Width and height from the PNG's IHDR chunk, which the format requires to come first. */
    private static int[] pngSize(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] signature = in.readNBytes(PNG_SIGNATURE.length);
        assertThat(Arrays.equals(signature, PNG_SIGNATURE)).as("PNG signature").isTrue();
        in.readInt(); // chunk length
        assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("IHDR");
        return new int[] {in.readInt(), in.readInt()};
    }
}
