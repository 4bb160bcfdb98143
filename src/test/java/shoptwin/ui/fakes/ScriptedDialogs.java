package shoptwin.ui.fakes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import shoptwin.ui.common.DialogService;

/** Answers questions as the test scripted and records every message shown. */
public final class ScriptedDialogs implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();
    public final List<String> conflicts = new ArrayList<>();
    public final List<String> unsaved = new ArrayList<>();
    public boolean confirm = true;
    public ConflictChoice conflictChoice = ConflictChoice.CANCEL;
    public UnsavedChoice unsavedChoice = UnsavedChoice.CANCEL;
    public Path saveFile;
    public Path openFile;
    /** The folder the last file chooser opened in. */
    public Path lastFolder;
    public final List<String> choices = new ArrayList<>();
    /** Which answer chooseOne gives (-1: cancel). */
    public int choice = 0;

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public boolean confirmDanger(String title, String message, String confirmLabel) {
        confirmations.add(message);
        return confirm;
    }

    @Override
    public ConflictChoice askConflict(String title, String message) {
        conflicts.add(message);
        return conflictChoice;
    }

    @Override
    public UnsavedChoice askUnsavedChanges(String message) {
        unsaved.add(message);
        return unsavedChoice;
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        return Optional.ofNullable(saveFile);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path folder, String suggestedName, FileKind kind) {
        lastFolder = folder;
        return Optional.ofNullable(saveFile);
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path folder, FileKind kind) {
        lastFolder = folder;
        return Optional.ofNullable(openFile);
    }

    @Override
    public Optional<Integer> chooseOne(String title, String message, List<String> answers) {
        choices.add(message + " " + answers);
        return choice < 0 ? Optional.empty() : Optional.of(choice);
    }
}
