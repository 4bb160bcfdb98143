package shoptwin.ui.failover;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import shoptwin.ui.common.ShopContext;

/**
 * Disables a screen's edit actions while the console reads the read-only backup, with the reason
 * as their tooltip (and the banner says it too: a disabled control shows no tooltip in JavaFX).
 */
public final class EditLock {
    private EditLock() {
    }

    /** {@code button} is disabled while read-only. */
    public static void bind(ShopContext shop, ButtonBase... buttons) {
        for (ButtonBase b : buttons) {
            bind(shop, b, null);
        }
    }

    /** {@code button} is disabled while read-only or while {@code alsoDisabled} holds (its own rule). */
    public static void bind(ShopContext shop, ButtonBase button, ObservableBooleanValue alsoDisabled) {
        if (alsoDisabled == null) {
            button.disableProperty().bind(shop.readOnlyProperty());
        } else {
            button.disableProperty().bind(Bindings.or(shop.readOnlyProperty(), alsoDisabled));
        }
        Tooltip normal = button.getTooltip();
        Tooltip why = new Tooltip();
        why.textProperty().bind(shop.readOnlyReasonProperty());
        shop.readOnlyProperty().addListener((obs, old, now) -> button.setTooltip(now ? why : normal));
        if (shop.isReadOnly()) {
            button.setTooltip(why);
        }
    }
}
