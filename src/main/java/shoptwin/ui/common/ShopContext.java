package shoptwin.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.domain.Shop;

/**
 * The shop's row as the console last saw it, shared by the screens: its currency and time zone
 * decide how every amount and date is shown. The shop settings screen updates it after a save.
 */
public final class ShopContext {
    private final ReadOnlyObjectWrapper<Shop> shop = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ShopFormat> format = new ReadOnlyObjectWrapper<>(ShopFormat.defaults());
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper readOnlyReason = new ReadOnlyStringWrapper("");

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
}
