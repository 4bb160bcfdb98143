package shoptwin.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Every question and message the console puts to the user. The real one shows AtlantaFX-styled
 * alerts; view-model tests use a scripted fake. Call on the FX thread.
 */
public interface DialogService {

    void showError(String title, String message);

    void showInfo(String title, String message);

    /** A yes/no question about something that cannot be undone; true when the user confirmed. */
    boolean confirmDanger(String title, String message, String confirmLabel);

    /** Someone else saved first: reload their version, overwrite with mine, or neither. */
    ConflictChoice askConflict(String title, String message);

    /** Leaving a form with unsaved changes. */
    UnsavedChoice askUnsavedChanges(String message);

    /** A file to write; empty when the user cancelled. */
    Optional<Path> chooseSaveFile(String title, String suggestedName);

    /**
     * A file to write, the chooser opening in {@code folder} (null: the system's default) and offering
     * files of {@code kind}. A fake that ignores the folder and kind answers as the two-argument form.
     */
    default Optional<Path> chooseSaveFile(String title, Path folder, String suggestedName, FileKind kind) {
        return chooseSaveFile(title, suggestedName);
    }

    /** A file to read, opening in {@code folder}; the default answers as a user who cancelled. */
    default Optional<Path> chooseOpenFile(String title, Path folder, FileKind kind) {
        return Optional.empty();
    }

    /**
     * One of several answers (the first is the default); empty when the user cancelled. The default
     * takes the first, as a user pressing Enter would.
     */
    default Optional<Integer> chooseOne(String title, String message, java.util.List<String> answers) {
        return answers.isEmpty() ? Optional.empty() : Optional.of(0);
    }

    /** What a file chooser offers. */
    enum FileKind {
        CSV("CSV files", "*.csv"), PDF("PDF files", "*.pdf");

        private final String description;
        private final String pattern;

        FileKind(String description, String pattern) {
            this.description = description;
            this.pattern = pattern;
        }

        public String description() {
            return description;
        }

        public String pattern() {
            return pattern;
        }
    }

    enum ConflictChoice { RELOAD, OVERWRITE, CANCEL }

    enum UnsavedChoice { SAVE, DISCARD, CANCEL }
}
