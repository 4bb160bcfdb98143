package shoptwin.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopContextTest {
    private final ShopContext shop = new ShopContext();

    @Test
    void everyScreenFollowingTheStoreHearsOfASwitchEvenWhenOneFails() {
        List<String> heard = new ArrayList<>();
        shop.addStoreSwitchListener(() -> heard.add("customers"));
        shop.addStoreSwitchListener(() -> {
            throw new IllegalStateException("payments screen broke");
        });
        shop.addStoreSwitchListener(() -> heard.add("shop settings"));

        assertThatThrownBy(shop::storeSwitched).hasMessage("payments screen broke");
        assertThat(heard).containsExactly("customers", "shop settings");
    }

    @Test
    void aScreenThatStoppedFollowingHearsNothing() {
        List<String> heard = new ArrayList<>();
        Runnable customers = () -> heard.add("customers");
        shop.addStoreSwitchListener(customers);
        shop.removeStoreSwitchListener(customers);
        shop.storeSwitched();
        assertThat(heard).isEmpty();
    }
}
