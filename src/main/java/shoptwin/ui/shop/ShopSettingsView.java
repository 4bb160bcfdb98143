package shoptwin.ui.shop;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.common.Forms;
import shoptwin.ui.failover.EditLock;

/** The shop's settings form. */
public final class ShopSettingsView extends BorderPane {
    private final ShopSettingsViewModel vm;
    private final TextField name = field("shopName");
    private final TextField owner = field("shopOwner");
    private final TextField phone = field("shopPhone");
    private final TextField email = field("shopEmail");
    private final TextArea address = new TextArea();
    private final CodePicker currency;
    private final CodePicker timezone;
    private final Label currencyNote = new Label();
    private final TextField taxId = field("shopTaxId");
    private final TextArea footer = new TextArea();
    private final Button validate = new Button("Validate", new FontIcon(Feather.CHECK_CIRCLE));
    private final Button save = new Button("Save", new FontIcon(Feather.SAVE));
    private final Button revert = new Button("Revert", new FontIcon(Feather.ROTATE_CCW));
    private final Label status = new Label();
    private final Label dirtyMark = new Label("Unsaved changes");

    public ShopSettingsView(ShopSettingsViewModel vm) {
        this.vm = vm;
        currency = new CodePicker("shopCurrency", vm.field("currency"), vm::currencyChoices);
        timezone = new CodePicker("shopTimezone", vm.field("timezone"), vm::zoneChoices);
        createView();
        initListeners();
    }

    private void createView() {
        setId("shopSettingsScreen");
        getStyleClass().add("screen");
        Label title = new Label("Shop settings");
        title.getStyleClass().add(Styles.TITLE_3);
        dirtyMark.setId("shopDirty");
        dirtyMark.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        HBox header = new HBox(12, title, dirtyMark);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new javafx.geometry.Insets(0, 0, 12, 0));
        setTop(header);

        address.setId("shopAddress");
        address.setPrefRowCount(2);
        address.setWrapText(true);
        footer.setId("shopReceiptFooter");
        footer.setPrefRowCount(3);
        footer.setWrapText(true);
        footer.setPromptText("Printed at the bottom of every receipt");

        GridPane grid = Forms.grid();
        grid.setMaxWidth(640);
        Forms.row(grid, 0, "Shop name", name, vm.errorProperty("name"), "shopNameError");
        Forms.row(grid, 1, "Owner", owner, vm.errorProperty("owner_name"), "shopOwnerError");
        Forms.row(grid, 2, "Phone", phone, vm.errorProperty("phone"), "shopPhoneError");
        Forms.row(grid, 3, "Email", email, vm.errorProperty("email"), "shopEmailError");
        Forms.row(grid, 4, "Address", address, vm.errorProperty("address"), "shopAddressError");
        currencyNote.setId("shopCurrencyNote");
        currencyNote.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        currencyNote.setWrapText(true);
        currencyNote.managedProperty().bind(currencyNote.visibleProperty());
        Forms.row(grid, 5, "Currency", currency, vm.errorProperty("currency"), "shopCurrencyError");
        ((VBox) currency.getParent()).getChildren().add(currencyNote); // under the picker and its message
        Forms.row(grid, 6, "Time zone", timezone, vm.errorProperty("timezone"), "shopTimezoneError");
        Forms.row(grid, 7, "Tax id", taxId, vm.errorProperty("tax_id"), "shopTaxIdError");
        Forms.row(grid, 8, "Receipt footer", footer, vm.errorProperty("receipt_footer"), "shopReceiptFooterError");

        validate.setId("validateShop");
        save.setId("saveShop");
        save.getStyleClass().add(Styles.ACCENT);
        revert.setId("revertShop");
        status.setId("shopStatus");
        status.getStyleClass().add(Styles.SUCCESS);
        HBox buttons = new HBox(8, save, validate, revert, Forms.saveHint(vm.saveHintProperty(), vm.shop(), "shopSaveHint"),
                new Spacer(), status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setMaxWidth(640);

        VBox content = new VBox(16, grid, Forms.errorLabel(vm.generalErrorProperty(), "shopFormError"), buttons);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
    }

    private void initListeners() {
        name.textProperty().bindBidirectional(vm.field("name"));
        owner.textProperty().bindBidirectional(vm.field("owner_name"));
        phone.textProperty().bindBidirectional(vm.field("phone"));
        email.textProperty().bindBidirectional(vm.field("email"));
        address.textProperty().bindBidirectional(vm.field("address"));
        taxId.textProperty().bindBidirectional(vm.field("tax_id"));
        footer.textProperty().bindBidirectional(vm.field("receipt_footer"));
        currencyNote.textProperty().bind(vm.currencyNoteProperty());
        currencyNote.visibleProperty().bind(vm.currencyNoteProperty().isNotEmpty());
        dirtyMark.visibleProperty().bind(vm.dirtyProperty());
        status.textProperty().bind(vm.statusProperty());
        EditLock.bindSupabaseOnly(vm.shop(), save, vm.canSaveProperty().not());
        revert.disableProperty().bind(vm.dirtyProperty().not().or(vm.savingProperty()));
        validate.setOnAction(e -> vm.validate());
        save.setOnAction(e -> vm.save());
        revert.setOnAction(e -> vm.revert());
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        return f;
    }
}
