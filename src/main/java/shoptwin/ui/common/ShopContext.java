package shoptwin.ui.common;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import shoptwin.domain.Shop;

/**
 * The shop's row as the console last saw it, shared by the screens: its currency and time zone
 * decide how every amount and date is shown. The shop settings screen updates it after a save.
 */
public final class ShopContext {
    private final ReadOnlyObjectWrapper<Shop> shop = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ShopFormat> format = new ReadOnlyObjectWrapper<>(ShopFormat.defaults());

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
}
