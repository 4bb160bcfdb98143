package shoptwin.ui.failover;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import shoptwin.ui.common.ShopContext;

/**
 * Disables a screen's edit actions while the console reads the read-only backup (and what only Supabase
 * takes, shop settings, while it works on the backup), with the reason as their tooltip. A disabled control receives no mouse events, so JavaFX never shows its own
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
        bind(shop.readOnlyProperty(), shop.readOnlyReasonProperty(), button, alsoDisabled);
    }

    /**
     * {@code button} does what only Supabase takes (shop settings): disabled while the console works on the
     * backup, with the reason on hover, or while {@code alsoDisabled} holds.
     */
    public static void bindSupabaseOnly(ShopContext shop, ButtonBase button, ObservableBooleanValue alsoDisabled) {
        ObservableBooleanValue locked = Bindings.or(shop.readOnlyProperty(), shop.supabaseOnlyProperty());
        javafx.beans.binding.StringBinding reason = Bindings.when(shop.readOnlyProperty())
                .then(shop.readOnlyReasonProperty()).otherwise(shop.supabaseOnlyReasonProperty());
        bind(locked, reason, button, alsoDisabled);
    }

    private static void bind(ObservableBooleanValue locked, ObservableStringValue reason, ButtonBase button,
            ObservableBooleanValue alsoDisabled) {
        if (alsoDisabled == null) {
            button.disableProperty().bind(locked);
        } else {
            button.disableProperty().bind(Bindings.or(locked, alsoDisabled));
        }
        Tooltip normal = button.getTooltip();
        Tooltip why = new Tooltip();
        why.textProperty().bind(reason);
        locked.addListener((obs, old, now) -> {
            button.setTooltip(now ? why : normal);
            showReasonOnContainer(reason, button.getParent(), now);
        });
        button.parentProperty().addListener((obs, old, now) -> {
            showReasonOnContainer(reason, old, false);
            showReasonOnContainer(reason, now, locked.get());
        });
        if (locked.get()) {
            button.setTooltip(why);
            showReasonOnContainer(reason, button.getParent(), true);
        }
    }

    /** The container's reason tooltip, if read-only; one per container however many buttons it holds. */
    static Tooltip reasonOn(Parent container) {
        return container == null ? null : (Tooltip) container.getProperties().get(REASON_KEY);
    }

    private static void showReasonOnContainer(ObservableStringValue reason, Parent container, boolean readOnly) {
        if (container == null) {
            return;
        }
        Tooltip why = (Tooltip) container.getProperties().computeIfAbsent(REASON_KEY, k -> {
            Tooltip t = new Tooltip();
            t.textProperty().bind(reason);
            return t;
        });
        if (readOnly) {
            Tooltip.install(container, why);
        } else {
            Tooltip.uninstall(container, why);
        }
    }
}
