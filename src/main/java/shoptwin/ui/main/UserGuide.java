package shoptwin.ui.main;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the user guide (docs/console.md, with the README beside it) is on this computer: in the installed
 * app ({@code lib/app/guide}, put there by packaging/build.sh), next to the jar or classes of a build from
 * source, or in the working folder. Reads the disk: call it off the FX thread.
 */
final class UserGuide {
    static final String PAGE = "docs/console.md";

    private UserGuide() {
    }

    static Optional<Path> locate() {
        for (Path root : candidates()) {
            Path page = root.resolve(PAGE);
            if (Files.isRegularFile(page)) {
                return Optional.of(page.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates() {
        List<Path> roots = new ArrayList<>();
        String app = System.getProperty("jpackage.app-path"); // set by the installed launcher
        if (app != null && Path.of(app).getParent() != null && Path.of(app).getParent().getParent() != null) {
            roots.add(Path.of(app).getParent().getParent().resolve("lib/app/guide"));
        }
        try {
            Path code = Path.of(UserGuide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code.getParent(); p != null && roots.size() < 5; p = p.getParent()) {
                roots.add(p); // target/shoptwin.jar or target/classes: the source tree is a level or two up
                roots.add(p.resolve("guide"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (an unusual class loader): the working folder below still counts
        }
        roots.add(Path.of("").toAbsolutePath());
        return roots;
    }
}
