package shoptwin.ui.shop;

import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.util.StringConverter;
import shoptwin.ui.shop.ShopChoices.Choice;

/**
 * An editable combo over labelled codes ("INR — Indian Rupee (₹)"): typing filters the list and opens it, the
 * arrow keys and Enter pick, and the list opens scrolled to the current value. The view model's field holds the
 * code ({@link ShopChoices#codeOf}): a typed code counts as it is, so a wrong one gets the field's message.
 */
final class CodePicker extends ComboBox<Choice> {
    private final StringProperty code;
    private final Supplier<List<Choice>> choices;
    private final ObservableList<Choice> all = FXCollections.observableArrayList();
    /** Set while this class writes the editor's text, so that it is not taken for typing. */
    private boolean writing;

    CodePicker(String id, StringProperty code, Supplier<List<Choice>> choices) {
        this.code = code;
        this.choices = choices;
        setId(id);
        setEditable(true);
        setVisibleRowCount(12);
        setMaxWidth(Double.MAX_VALUE);
        all.setAll(choices.get());
        setItems(FXCollections.observableArrayList(all));
        setConverter(new StringConverter<>() {
            @Override
            public String toString(Choice c) {
                return c == null ? "" : c.label();
            }

            @Override
            public Choice fromString(String text) {
                String typed = ShopChoices.codeOf(text);
                return ShopChoices.find(all, typed).orElse(new Choice(typed, text == null ? "" : text.strip()));
            }
        });
        showCode(code.get());
        code.addListener((obs, old, now) -> {
            if (!now.equalsIgnoreCase(ShopChoices.codeOf(getEditor().getText()))) {
                showCode(now); // filled, reverted or reloaded: not typed here
            }
        });
        getEditor().textProperty().addListener((obs, old, now) -> {
            if (writing) {
                return;
            }
            String typed = ShopChoices.codeOf(now);
            if (!typed.equals(code.get())) {
                code.set(typed);
            }
            // after the key's own edit of the text: changing the items inside it makes the skin rewrite the editor
            Platform.runLater(() -> filter(now));
        });
        valueProperty().addListener((obs, old, now) -> {
            // only a pick by the person (in the open list, or Enter in the box): the skin also re-selects by itself
            // when the items change, which must not overwrite the field
            boolean theirs = isShowing() || getEditor().isFocused();
            if (theirs && !writing && now != null && !now.label().equals(getEditor().getText())) {
                write(now.label()); // picked in the list
                if (!now.code().equals(code.get())) {
                    code.set(now.code());
                }
            }
        });
        setOnShown(e -> scrollToCurrent());
        getEditor().focusedProperty().addListener((obs, was, is) -> {
            if (is) {
                Platform.runLater(getEditor()::selectAll); // typing replaces the value: search at once
            }
        });
    }

    private void filter(String typed) {
        if (!typed.equals(getEditor().getText())) {
            return; // a later key is on its way with its own filter
        }
        List<Choice> found = ShopChoices.filter(all, typed);
        if (!found.equals(getItems())) {
            int caret = getEditor().getCaretPosition();
            writing = true;
            try {
                getItems().setAll(found); // may make the skin show the (unchanged) value's text: put the typing back
                if (!getEditor().getText().equals(typed)) {
                    getEditor().setText(typed);
                }
            } finally {
                writing = false;
            }
            getEditor().positionCaret(Math.min(caret, typed.length()));
        }
        if (getEditor().isFocused() && !isShowing() && !found.isEmpty()) {
            show();
        }
    }

    private void showCode(String stored) {
        if (ShopChoices.find(all, stored).isEmpty() && !stored.isBlank()) {
            all.setAll(choices.get()); // the list offers the shop's saved value even when it is no longer current
        }
        Choice c = ShopChoices.find(all, stored).orElse(null);
        writing = true;
        try {
            if (!getItems().equals(all)) {
                getItems().setAll(all);
            }
            setValue(c);
            getEditor().setText(c == null ? stored : c.label());
        } finally {
            writing = false;
        }
    }

    private void write(String text) {
        writing = true;
        try {
            getEditor().setText(text);
        } finally {
            writing = false;
        }
    }

    /** The list opens at the current value (selected), not at the top of the alphabet. */
    private void scrollToCurrent() {
        if (!(getSkin() instanceof ComboBoxListViewSkin<?> skin) || !(skin.getPopupContent() instanceof ListView<?> list)) {
            return;
        }
        int at = -1;
        for (int i = 0; i < getItems().size(); i++) {
            if (getItems().get(i).code().equalsIgnoreCase(code.get())) {
                at = i;
                break;
            }
        }
        if (at >= 0) {
            list.getSelectionModel().select(at);
            list.scrollTo(Math.max(0, at - getVisibleRowCount() / 2));
        }
    }
}
