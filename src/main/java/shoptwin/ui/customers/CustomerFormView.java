package shoptwin.ui.customers;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.ui.common.Forms;
import shoptwin.ui.failover.EditLock;

/** The create/edit form for a customer, messages beside the fields. */
final class CustomerFormView extends VBox {
    private final CustomersViewModel screen;
    private final CustomerFormViewModel vm;
    private final Label title = new Label();
    private final TextField name = new TextField();
    private final TextField phone = new TextField();
    private final TextField email = new TextField();
    private final TextArea address = new TextArea();
    private final TextArea notes = new TextArea();
    private final Button save = new Button("Save", new FontIcon(Feather.CHECK));
    private final Button cancel = new Button("Cancel");

    CustomerFormView(CustomersViewModel screen) {
        this.screen = screen;
        this.vm = screen.form();
        createView();
        initListeners();
    }

    private void createView() {
        setId("customerForm");
        getStyleClass().add("side-panel");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setId("customerFormTitle");
        name.setId("customerName");
        phone.setId("customerPhone");
        email.setId("customerEmail");
        address.setId("customerAddress");
        notes.setId("customerNotes");
        name.setPromptText("Full name");
        phone.setPromptText("+91 98765 43210");
        email.setPromptText("name@example.com");
        address.setPrefRowCount(2);
        address.setWrapText(true);
        notes.setPrefRowCount(3);
        notes.setWrapText(true);

        GridPane grid = Forms.grid();
        Forms.row(grid, 0, "Name", name, vm.errorProperty("name"), "customerNameError");
        Forms.row(grid, 1, "Phone", phone, vm.errorProperty("phone"), "customerPhoneError");
        Forms.row(grid, 2, "Email", email, vm.errorProperty("email"), "customerEmailError");
        Forms.row(grid, 3, "Address", address, vm.errorProperty("address"), "customerAddressError");
        Forms.row(grid, 4, "Notes", notes, vm.errorProperty("notes"), "customerNotesError");

        Label general = Forms.errorLabel(vm.generalErrorProperty(), "customerFormError");

        save.setId("saveCustomer");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(false);
        cancel.setId("cancelCustomer");
        HBox buttons = new HBox(8, save, cancel);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label hint = Forms.saveHint(vm.saveHintProperty(), screen.shop(), "customerSaveHint");
        HBox.setHgrow(hint, javafx.scene.layout.Priority.ALWAYS);
        buttons.getChildren().add(hint);

        getChildren().addAll(title, grid, general, buttons);
    }

    private void initListeners() {
        title.textProperty().bind(vm.titleProperty());
        name.textProperty().bindBidirectional(vm.nameProperty());
        phone.textProperty().bindBidirectional(vm.phoneProperty());
        email.textProperty().bindBidirectional(vm.emailProperty());
        address.textProperty().bindBidirectional(vm.addressProperty());
        notes.textProperty().bindBidirectional(vm.notesProperty());
        EditLock.bind(screen.shop(), save, vm.canSaveProperty().not());
        save.setOnAction(e -> screen.saveForm());
        cancel.setOnAction(e -> screen.cancelForm());
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                screen.cancelForm();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                screen.saveForm();
                e.consume();
            }
        });
        // Enter in a one-line field saves, like a dialog's default button would
        for (TextField f : new TextField[] {name, phone, email}) {
            f.setOnAction(e -> screen.saveForm());
        }
    }

    void focusFirstField() {
        name.requestFocus();
        name.end();
    }
}
