package shoptwin.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import atlantafx.base.theme.Styles;

/** The real dialogs: modal alerts owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, title, message);
        alert.showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        Alert alert = alert(Alert.AlertType.INFORMATION, title, message);
        alert.showAndWait();
    }

    @Override
    public boolean confirmDanger(String title, String message, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
        alert.getButtonTypes().setAll(confirm, cancel);
        Button confirmButton = (Button) alert.getDialogPane().lookupButton(confirm);
        confirmButton.getStyleClass().add(Styles.DANGER);
        confirmButton.setId("confirmDanger");
        confirmButton.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    @Override
    public ConflictChoice askConflict(String title, String message) {
        ButtonType reload = new ButtonType("Reload their version", ButtonBar.ButtonData.LEFT);
        ButtonType overwrite = new ButtonType("Overwrite with mine", ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.WARNING, title, message);
        alert.getButtonTypes().setAll(reload, overwrite, cancel);
        ((Button) alert.getDialogPane().lookupButton(overwrite)).getStyleClass().add(Styles.DANGER);
        alert.getDialogPane().lookupButton(overwrite).setId("overwriteMine");
        alert.getDialogPane().lookupButton(reload).setId("reloadTheirs");
        ButtonType chosen = alert.showAndWait().orElse(cancel);
        if (chosen == reload) {
            return ConflictChoice.RELOAD;
        }
        return chosen == overwrite ? ConflictChoice.OVERWRITE : ConflictChoice.CANCEL;
    }

    @Override
    public UnsavedChoice askUnsavedChanges(String message) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Unsaved changes", message);
        alert.getButtonTypes().setAll(save, discard, cancel);
        alert.getDialogPane().lookupButton(save).setId("saveChanges");
        alert.getDialogPane().lookupButton(discard).setId("discardChanges");
        alert.getDialogPane().lookupButton(cancel).setId("cancelLeaving");
        ButtonType chosen = alert.showAndWait().orElse(cancel);
        if (chosen == save) {
            return UnsavedChoice.SAVE;
        }
        return chosen == discard ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL;
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(owner.get());
        return Optional.ofNullable(file).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, Path folder, String suggestedName, FileKind kind) {
        FileChooser chooser = chooser(title, folder, kind);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, Path folder, FileKind kind) {
        return Optional.ofNullable(chooser(title, folder, kind).showOpenDialog(owner.get())).map(File::toPath);
    }

    private static FileChooser chooser(String title, Path folder, FileKind kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (folder != null && java.nio.file.Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.description(), kind.pattern()));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    @Override
    public Optional<Integer> chooseOne(String title, String message, java.util.List<String> answers) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
        java.util.List<ButtonType> buttons = new java.util.ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            buttons.add(new ButtonType(answers.get(i), i == 0 ? ButtonBar.ButtonData.OK_DONE : ButtonBar.ButtonData.OTHER));
        }
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(buttons);
        alert.getButtonTypes().add(cancel);
        for (int i = 0; i < buttons.size(); i++) {
            alert.getDialogPane().lookupButton(buttons.get(i)).setId("choice" + i);
        }
        ButtonType chosen = alert.showAndWait().orElse(cancel);
        int index = buttons.indexOf(chosen);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.getDialogPane().getStylesheets().add(Forms.stylesheet());
        alert.setTitle(title);
        alert.setHeaderText(title);
        // a Label that wraps, so long messages are readable rather than cut off
        Label content = new Label(message);
        content.setWrapText(true);
        // a preferred width too: otherwise the dialog is first sized to the unwrapped line and centred
        // on that, which put the left of a long message off the screen
        content.setPrefWidth(460);
        content.setMaxWidth(460);
        content.setMinHeight(Region.USE_PREF_SIZE);
        content.setId("dialogMessage");
        alert.getDialogPane().setContent(content);
        return alert;
    }
}
