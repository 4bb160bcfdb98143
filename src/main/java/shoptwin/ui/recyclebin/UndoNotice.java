package shoptwin.ui.recyclebin;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The message after a delete: what went, and Undo (a few seconds). */
public final class UndoNotice extends HBox {
    public UndoNotice(UndoDeleteViewModel vm) {
        setId("undoNotice");
        getStyleClass().add("undo-notice");
        getStylesheets().add(getClass().getResource("/shoptwin/ui/history/history.css").toExternalForm());
        Label text = new Label();
        text.setId("undoNoticeText");
        text.textProperty().bind(vm.textProperty());
        Button undo = new Button("Undo", new FontIcon(Feather.ROTATE_CCW));
        undo.setId("undoDelete");
        undo.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL);
        undo.visibleProperty().bind(vm.canUndoProperty());
        undo.managedProperty().bind(undo.visibleProperty());
        undo.disableProperty().bind(vm.busyProperty());
        undo.setOnAction(e -> vm.undo());
        Button close = new Button(null, new FontIcon(Feather.X));
        close.setId("dismissUndo");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setOnAction(e -> vm.dismiss());
        getChildren().addAll(text, undo, close);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        visibleProperty().bind(vm.visibleProperty());
        managedProperty().bind(visibleProperty());
    }
}
