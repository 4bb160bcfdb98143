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

    enum ConflictChoice { RELOAD, OVERWRITE, CANCEL }

    enum UnsavedChoice { SAVE, DISCARD, CANCEL }
}
