package shoptwin.ui.main;

import atlantafx.base.theme.Styles;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.Forms;
import shoptwin.ui.common.UiExecutor;

/** Help: the keyboard shortcuts, the user guide, and About. */
final class HelpMenu {
    private final DialogService dialogs;
    private final UiExecutor executor;
    private final Supplier<Window> owner;
    private final Supplier<String> about;
    private Consumer<String> openLink;

    HelpMenu(DialogService dialogs, UiExecutor executor, Supplier<Window> owner, Supplier<String> about) {
        this.dialogs = dialogs;
        this.executor = executor;
        this.owner = owner;
        this.about = about;
    }

    /** How a link opens (the application's HostServices); without one the guide's location is shown. */
    void setLinkOpener(Consumer<String> openLink) {
        this.openLink = openLink;
    }

    Menu menu() {
        MenuItem keys = new MenuItem("Keyboard shortcuts", new FontIcon(Feather.COMMAND));
        keys.setId("menuShortcuts");
        keys.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        keys.setOnAction(e -> showShortcuts());
        MenuItem guide = new MenuItem("User guide", new FontIcon(Feather.BOOK_OPEN));
        guide.setId("menuUserGuide");
        guide.setOnAction(e -> openGuide());
        MenuItem aboutItem = new MenuItem("About ShopTwin");
        aboutItem.setId("menuAbout");
        aboutItem.setOnAction(e -> dialogs.showInfo("About ShopTwin", about.get()));
        Menu help = new Menu("Help", null, keys, guide, aboutItem);
        help.setId("menuHelp");
        return help;
    }

    void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setId("shortcutsList");
        grid.setHgap(24);
        grid.setVgap(6);
        int row = 0;
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            Label keys = new Label(s.keys());
            keys.getStyleClass().add(Styles.TEXT_BOLD);
            Label what = new Label(s.what());
            what.setWrapText(true);
            what.setMaxWidth(420);
            grid.addRow(row++, keys, what);
        }
        Alert alert = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().getStylesheets().add(Forms.stylesheet());
        alert.getDialogPane().setContent(grid);
        alert.show();
    }

    void openGuide() {
        BackgroundTask.of(UserGuide::locate)
                .onSuccess(page -> {
                    if (page.isPresent() && openLink != null) {
                        openLink.accept(page.get().toUri().toString());
                    } else {
                        dialogs.showInfo("User guide", page.map(p -> "The user guide is " + p + ".")
                                .orElse("The user guide is docs/console.md in ShopTwin's source, with the README beside it."));
                    }
                })
                .onFailure(f -> dialogs.showInfo("User guide", "The user guide is docs/console.md in ShopTwin's source."))
                .executeWith(executor);
    }
}
