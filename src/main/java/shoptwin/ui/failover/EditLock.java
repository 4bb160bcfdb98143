package shoptwin.ui.failover;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import shoptwin.ui.common.ShopContext;

/**
 * Disables a screen's edit actions while the console reads the read-only backup, with the reason
 * as their tooltip. A disabled control receives no mouse events, so JavaFX never shows its own
 * tooltip: the reason is also installed on the button's container while read-only, which does
 * receive the hover (the usual wrapper technique, using the container the view already has).
 */
public final class EditLock {
    private static final Object REASON_KEY = new Object();

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
        shop.readOnlyProperty().addListener((obs, old, now) -> {
            button.setTooltip(now ? why : normal);
            showReasonOnContainer(shop, button.getParent(), now);
        });
        button.parentProperty().addListener((obs, old, now) -> {
            showReasonOnContainer(shop, old, false);
            showReasonOnContainer(shop, now, shop.isReadOnly());
        });
        if (shop.isReadOnly()) {
            button.setTooltip(why);
            showReasonOnContainer(shop, button.getParent(), true);
        }
    }

    /** The container's reason tooltip, if read-only; one per container however many buttons it holds. */
    static Tooltip reasonOn(Parent container) {
        return container == null ? null : (Tooltip) container.getProperties().get(REASON_KEY);
    }

    private static void showReasonOnContainer(ShopContext shop, Parent container, boolean readOnly) {
        if (container == null) {
            return;
        }
        Tooltip why = (Tooltip) container.getProperties().computeIfAbsent(REASON_KEY, k -> {
            Tooltip t = new Tooltip();
            t.textProperty().bind(shop.readOnlyReasonProperty());
            return t;
        });
        if (readOnly) {
            Tooltip.install(container, why);
        } else {
            Tooltip.uninstall(container, why);
        }
    }
}
