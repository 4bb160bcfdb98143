package shoptwin.ui.common;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.domain.Shop;

/**
 * What the screens share: the shop's row as the console last saw it (its currency and time zone
 * decide how every amount and date is shown; the shop settings screen updates it after a save),
 * whether editing is off (reading the read-only backup), and news that the console switched between
 * Supabase and the backup, which every screen reading the store follows by reading again.
 */
public final class ShopContext {
    private final ReadOnlyObjectWrapper<Shop> shop = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ShopFormat> format = new ReadOnlyObjectWrapper<>(ShopFormat.defaults());
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper readOnlyReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper supabaseOnly = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper supabaseOnlyReason = new ReadOnlyStringWrapper("");
    private final List<Runnable> storeSwitchListeners = new CopyOnWriteArrayList<>();

    public ReadOnlyObjectProperty<Shop> shopProperty() {
        return shop.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ShopFormat> formatProperty() {
        return format.getReadOnlyProperty();
    }

    public ShopFormat format() {
        return format.get();
    }

    public Shop shop() {
        return shop.get();
    }

    public void update(Shop newShop) {
        shop.set(newShop);
        format.set(ShopFormat.of(newShop));
    }

    /** True while the console reads the read-only MongoDB backup: every edit action binds its disable to it. */
    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** Why editing is off, for the disabled buttons' tooltips; empty when it is on. */
    public ReadOnlyStringProperty readOnlyReasonProperty() {
        return readOnlyReason.getReadOnlyProperty();
    }

    public boolean isReadOnly() {
        return readOnly.get();
    }

    /** Set by the failover banner when the console switches stores. */
    public void setReadOnly(boolean on, String reason) {
        readOnlyReason.set(on ? reason : "");
        readOnly.set(on);
    }

    /**
     * True while the console works on the backup: what only Supabase takes (shop settings, an import) is off,
     * with {@link #supabaseOnlyReasonProperty()} as the reason; customers and payments stay editable (their
     * changes go into the outage journal).
     */
    public ReadOnlyBooleanProperty supabaseOnlyProperty() {
        return supabaseOnly.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty supabaseOnlyReasonProperty() {
        return supabaseOnlyReason.getReadOnlyProperty();
    }

    /** Set by the failover banner when the console switches stores. */
    public void setSupabaseOnly(boolean on, String reason) {
        supabaseOnlyReason.set(on ? reason : "");
        supabaseOnly.set(on);
    }

    /**
     * Runs {@code listener} on the FX thread after each switch between Supabase and the backup. The
     * screens hold the switchable store, so following a switch is only reading again.
     */
    public void addStoreSwitchListener(Runnable listener) {
        storeSwitchListeners.add(Objects.requireNonNull(listener));
    }

    public void removeStoreSwitchListener(Runnable listener) {
        storeSwitchListeners.remove(listener);
    }

    /**
     * The console now reads the other database (FX thread): tells every screen that follows the
     * store. One screen failing does not keep the others on stale data; its failure is rethrown after.
     */
    public void storeSwitched() {
        RuntimeException failure = null;
        for (Runnable listener : storeSwitchListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
