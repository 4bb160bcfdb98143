package shoptwin.ui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Small builders shared by the forms: a field with its inline message underneath. */
public final class Forms {
    /** The console's own stylesheet (on top of the AtlantaFX theme); dialogs add it to their panes. */
    public static final String STYLESHEET = "/shoptwin/ui/console.css";

    private Forms() {
    }

    public static String stylesheet() {
        return Forms.class.getResource(STYLESHEET).toExternalForm();
    }

    /** A red message under a field, taking no space while there is nothing to say. */
    public static Label errorLabel(ObservableStringValue message, String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL, "field-error");
        l.setWrapText(true);
        l.textProperty().bind(message);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** Marks the field red while it has a message. */
    public static void markInvalid(Node field, ObservableStringValue message) {
        message.addListener((obs, old, now) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, now != null && !now.isEmpty()));
        field.pseudoClassStateChanged(Styles.STATE_DANGER, message.get() != null && !message.get().isEmpty());
    }

    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    /** Adds "label | field over its message" as the next row. */
    public static void row(GridPane grid, int row, String label, Node field, ObservableStringValue message, String errorId) {
        Label l = new Label(label);
        l.setLabelFor(field);
        l.getStyleClass().add("form-label");
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(4, field);
        if (message != null) {
            box.getChildren().add(errorLabel(message, errorId));
            markInvalid(field, message);
        }
        if (field instanceof TextInputControl t) {
            t.setMaxWidth(Double.MAX_VALUE);
        }
        if (field instanceof TextArea area) {
            tabMovesFocus(area);
        }
        grid.add(l, 0, row);
        grid.add(box, 1, row);
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        GridPane.setMargin(l, new javafx.geometry.Insets(6, 0, 0, 0));
    }

    /**
     * Tab moves the focus out of a text area, as in every other field (a TextArea's own Tab types a tab
     * character, which ended up inside addresses); Shift+Tab goes back, as it already did; Ctrl+Tab types
     * a tab for whoever wants one.
     */
    public static void tabMovesFocus(TextArea area) {
        boolean[] handingOn = {false};
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.TAB || handingOn[0] || e.isAltDown() || e.isMetaDown() || e.isShiftDown()) {
                return;
            }
            e.consume();
            if (e.isControlDown()) {
                area.replaceSelection("\t");
                return;
            }
            // the area's own behaviour moves the focus on Ctrl+Tab (there is no public "focus next" in JavaFX 21)
            handingOn[0] = true;
            try {
                area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, e.getCharacter(), e.getText(), KeyCode.TAB,
                        false, true, false, false));
            } finally {
                handingOn[0] = false;
            }
        });
    }

    /** A table cell showing its text, and all of it in a tooltip (a cell narrower than its text ends in "…"). */
    public static <S> TableCell<S, String> textCellWithTooltip() {
        return new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean none = empty || item == null || item.isEmpty();
                setText(empty ? null : item);
                if (none) {
                    setTooltip(null);
                } else {
                    tip.setText(item);
                    setTooltip(tip);
                }
            }
        };
    }

    /**
     * Beside a Save button: why it is disabled ("To save: Name is required.", "Saving…"), or while the console
     * reads the backup, that reason. (JavaFX shows no tooltip on a disabled button, so it is said here.)
     */
    public static Label saveHint(ObservableStringValue hint, ShopContext shop, String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().addAll("muted", Styles.TEXT_SMALL, "save-hint");
        l.setWrapText(true);
        // takes what the buttons leave and wraps in it: a long reason must never squash Save to "…"
        l.setPrefWidth(1);
        l.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.HBox.setHgrow(l, javafx.scene.layout.Priority.ALWAYS);
        l.textProperty().bind(javafx.beans.binding.Bindings.when(shop.readOnlyProperty())
                .then(shop.readOnlyReasonProperty()).otherwise(hint));
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
