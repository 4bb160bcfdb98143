package shoptwin.ui.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.fakes.InMemoryShopStore;
import shoptwin.ui.fakes.SameThreadUiExecutor;
import shoptwin.ui.fakes.ScriptedDialogs;
import shoptwin.ui.main.MainWindow;
import shoptwin.ui.shop.ShopChoices.Choice;

/** The shop owner opens Shop settings, types to find the currency and the time zone, and sees what they picked. */
@ExtendWith(ApplicationExtension.class)
class ShopPickersWindowTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final InMemoryShopStore store = InMemoryShopStore.withShop("USD", "Asia/Kolkata");
    private ShopSettingsViewModel vm;

    @Start
    void start(Stage stage) {
        MainWindow.applyTheme(false);
        vm = new ShopSettingsViewModel(store, new SameThreadUiExecutor(), new ScriptedDialogs(), new ShopContext());
        vm.load();
        stage.setScene(new Scene(new ShopSettingsView(vm), 900, 700));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<Choice> box(FxRobot robot, String id) {
        return (ComboBox<Choice>) robot.lookup(id).queryAs(ComboBox.class);
    }

    @Test
    void thePickersShowNamesAndOffsetsAndOpenAtTheCurrentValue(FxRobot robot) throws Exception {
        assertThat(fx(() -> box(robot, "#shopCurrency").getEditor().getText())).isEqualTo("USD — US Dollar ($)");
        assertThat(fx(() -> box(robot, "#shopTimezone").getEditor().getText())).isEqualTo("Asia/Kolkata (UTC+05:30)");

        robot.interact(() -> box(robot, "#shopTimezone").show());
        await().atMost(PATIENCE).until(() -> fx(() -> box(robot, "#shopTimezone").isShowing()));
        ListView<Choice> list = fx(() -> popupList(box(robot, "#shopTimezone")));
        assertThat(fx(() -> list.getSelectionModel().getSelectedItem().code())).isEqualTo("Asia/Kolkata");
        // scrolled there: the current zone is among the rows on screen, not the alphabet's first
        await().atMost(PATIENCE).until(() -> fx(() -> list.lookupAll(".list-cell").stream()
                .anyMatch(n -> n.isVisible() && "Asia/Kolkata (UTC+05:30)".equals(((javafx.scene.control.ListCell<?>) n).getText()))));
        assertThat(fx(() -> list.getItems().get(0).code())).isEqualTo("Africa/Abidjan");
        robot.interact(() -> box(robot, "#shopTimezone").hide());
    }

    @Test
    void typingFiltersTheListAndEnterPicks(FxRobot robot) throws Exception {
        robot.clickOn("#shopCurrency");
        robot.interact(() -> box(robot, "#shopCurrency").getEditor().selectAll());
        robot.write("indian rup");
        await().atMost(PATIENCE).until(() -> fx(() -> box(robot, "#shopCurrency").getItems().size() == 1));
        assertThat(fx(() -> box(robot, "#shopCurrency").isShowing())).isTrue(); // the list opened as they typed
        assertThat(fx(() -> box(robot, "#shopCurrency").getItems().get(0).label())).isEqualTo("INR — Indian Rupee (₹)");

        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> "INR".equals(fx(() -> vm.field("currency").get())));
        assertThat(fx(() -> box(robot, "#shopCurrency").getEditor().getText())).isEqualTo("INR — Indian Rupee (₹)");
        // the warning is there before saving: a new code relabels the amounts
        assertThat(fx(() -> robot.lookup("#shopCurrencyNote").queryAs(Label.class).isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#shopCurrencyNote").queryAs(Label.class).getText())).startsWith("Amounts are relabelled, not converted");
        assertThat(fx(() -> robot.lookup("#shopDirty").query().isVisible())).isTrue();

        // a time zone found by its city, with a space for the underscore
        robot.clickOn("#shopTimezone");
        robot.interact(() -> box(robot, "#shopTimezone").getEditor().selectAll());
        robot.write("new york");
        await().atMost(PATIENCE).until(() -> fx(() -> box(robot, "#shopTimezone").getItems().size() == 1));
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        await().atMost(PATIENCE).until(() -> "America/New_York".equals(fx(() -> vm.field("timezone").get())));
        assertThat(fx(() -> box(robot, "#shopTimezone").getEditor().getText())).startsWith("America/New_York (UTC-0");

        robot.clickOn("#saveShop");
        await().atMost(PATIENCE).until(() -> "INR".equals(store.getShop().orElseThrow().currency()));
        assertThat(store.getShop().orElseThrow().timezone()).isEqualTo("America/New_York");
        assertThat(fx(() -> robot.lookup("#shopCurrencyNote").query().isVisible())).isFalse();
    }

    @Test
    void aTypedWrongCodeIsExplainedAndRevertShowsTheSavedLabel(FxRobot robot) throws Exception {
        robot.clickOn("#shopCurrency");
        robot.interact(() -> box(robot, "#shopCurrency").getEditor().selectAll());
        robot.write("XYZ");
        robot.type(KeyCode.ESCAPE);
        robot.clickOn("#validateShop");
        await().atMost(PATIENCE).until(() -> fx(() -> robot.lookup("#shopCurrencyError").queryAs(Label.class).getText().contains("ISO 4217")));
        assertThat(fx(() -> robot.lookup("#saveShop").queryAs(Button.class).isDisabled())).isTrue();

        robot.clickOn("#revertShop");
        await().atMost(PATIENCE).until(() -> fx(() -> box(robot, "#shopCurrency").getEditor().getText()).equals("USD — US Dollar ($)"));
        assertThat(fx(() -> vm.dirtyProperty().get())).isFalse();
    }

    @Test
    void theBoxFollowsTheFieldWhenTheSettingsLoadOrChangeElsewhere(FxRobot robot) throws Exception {
        // the row changed (another desktop): the screen reloads while it is shown, then the field changes again
        shoptwin.domain.ShopDraft d = store.getShop().orElseThrow().toDraft();
        store.saveShop(shoptwin.store.ShopStore.ANY_VERSION, new shoptwin.domain.ShopDraft(d.name(), d.ownerName(), d.phone(),
                d.email(), d.address(), "INR", "Europe/London", d.taxId(), d.receiptFooter()));
        robot.interact(vm::load);
        assertThat(fx(() -> box(robot, "#shopCurrency").getEditor().getText())).isEqualTo("INR — Indian Rupee (₹)");
        assertThat(fx(() -> box(robot, "#shopTimezone").getEditor().getText())).startsWith("Europe/London (UTC+0");
        robot.interact(() -> vm.field("currency").set("USD"));
        assertThat(fx(() -> box(robot, "#shopCurrency").getEditor().getText())).isEqualTo("USD — US Dollar ($)");
        assertThat(fx(() -> vm.field("currency").get())).isEqualTo("USD");
        assertThat(fx(() -> robot.lookup("#shopCurrencyNote").query().isVisible())).isTrue();
    }

    private static ListView<Choice> popupList(ComboBox<Choice> box) {
        @SuppressWarnings("unchecked")
        ListView<Choice> list = (ListView<Choice>) ((ComboBoxListViewSkin<Choice>) box.getSkin()).getPopupContent();
        return list;
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
