package shoptwin.ui.customers;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.domain.Customer;
import shoptwin.ui.payments.PaymentsView;
import shoptwin.ui.failover.EditLock;

/** One customer: who they are, and their payments. */
final class CustomerDetailView extends VBox {
    private final CustomersViewModel screen;
    private final Label name = new Label();
    private final Label contact = new Label();
    private final Label address = new Label();
    private final Label notes = new Label();
    private final Button edit = new Button("Edit", new FontIcon(Feather.EDIT_2));
    private final Button delete = new Button("Delete", new FontIcon(Feather.TRASH_2));
    private final PaymentsView payments;
    private javafx.scene.control.TabPane tabs;

    CustomerDetailView(CustomersViewModel screen) {
        this.screen = screen;
        this.payments = new PaymentsView(screen.payments());
        createView();
        initListeners();
    }

    private void createView() {
        setId("customerDetail");
        getStyleClass().add("side-panel");
        name.setId("detailName");
        name.getStyleClass().add(Styles.TITLE_3);
        name.setWrapText(true);
        contact.setId("detailContact");
        address.getStyleClass().add("muted");
        address.setWrapText(true);
        notes.getStyleClass().addAll("muted", Styles.TEXT_ITALIC);
        notes.setWrapText(true);
        for (Label l : new Label[] {address, notes}) {
            l.managedProperty().bind(l.visibleProperty());
        }
        edit.setId("editCustomer");
        delete.setId("deleteCustomer");
        delete.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        HBox header = new HBox(8, name, new Spacer(), edit, delete);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(payments, Priority.ALWAYS);
        getChildren().addAll(header, contact, address, notes, new Separator(), payments);
    }

    /**
     * Another tab beside the payments (the History tab): the payments move into a tab pane on the first call.
     * {@code shown} hears whether the tab is the one showing.
     */
    void addTab(String title, String id, javafx.scene.Node content, java.util.function.Consumer<Boolean> shown) {
        if (tabs == null) {
            javafx.scene.control.Tab paymentsTab = new javafx.scene.control.Tab("Payments", payments);
            paymentsTab.setId("paymentsTab");
            tabs = new javafx.scene.control.TabPane(paymentsTab);
            tabs.setId("customerTabs");
            tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
            VBox.setVgrow(tabs, Priority.ALWAYS);
            getChildren().set(getChildren().indexOf(payments), tabs);
        }
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab(title, content);
        tab.setId(id);
        tab.selectedProperty().addListener((obs, old, now) -> shown.accept(now));
        tabs.getTabs().add(tab);
    }

    private void initListeners() {
        screen.payments().customerProperty().addListener((obs, old, now) -> show(now));
        edit.setOnAction(e -> screen.editSelected());
        EditLock.bind(screen.shop(), edit, delete);
        delete.setOnAction(e -> screen.deleteSelected());
        show(screen.payments().customerProperty().get());
    }

    private void show(Customer c) {
        if (c == null) {
            name.setText("");
            contact.setText("");
            address.setVisible(false);
            notes.setVisible(false);
            return;
        }
        name.setText(c.name());
        String phone = c.phone() == null ? "" : c.phone();
        String email = c.email() == null ? "" : c.email();
        contact.setText(phone.isEmpty() || email.isEmpty() ? phone + email : phone + "  ·  " + email);
        address.setText(c.address() == null ? "" : c.address());
        address.setVisible(c.address() != null);
        notes.setText(c.notes() == null ? "" : c.notes());
        notes.setVisible(c.notes() != null);
    }

    PaymentsView paymentsView() {
        return payments;
    }
}
