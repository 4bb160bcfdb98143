package shoptwin.ui.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import shoptwin.ui.common.DialogService.FileKind;

/**
 * Asking for a file to save or open, in the folder the user last used (remembered between runs in the
 * {@link UiPreferences}), not in whatever the working directory happens to be. Call on the FX thread.
 */
public final class FileChoices {
    private final DialogService dialogs;
    private final UiPreferences preferences;

    public FileChoices(DialogService dialogs, UiPreferences preferences) {
        this.dialogs = Objects.requireNonNull(dialogs);
        this.preferences = Objects.requireNonNull(preferences);
    }

    /** For screens built without preferences (tests): remembers the folder while the window lives. */
    public static FileChoices inMemory(DialogService dialogs) {
        return new FileChoices(dialogs, new MemoryUiPreferences());
    }

    public Optional<Path> save(String title, String suggestedName, FileKind kind) {
        return remember(dialogs.chooseSaveFile(title, folder(), suggestedName, kind));
    }

    public Optional<Path> open(String title, FileKind kind) {
        return remember(dialogs.chooseOpenFile(title, folder(), kind));
    }

    /** The folder the chooser opens in: the last one used if it still exists, else the user's home. */
    public Path folder() {
        return preferences.lastFolder().filter(Files::isDirectory)
                .orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    private Optional<Path> remember(Optional<Path> chosen) {
        chosen.map(p -> p.toAbsolutePath().getParent()).ifPresent(preferences::setLastFolder);
        return chosen;
    }

    /** How a written file is named in a confirmation: its full path, so the user can find it. */
    public static String where(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }
}
