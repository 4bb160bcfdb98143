package shoptwin.ui.payments;

import atlantafx.base.theme.Styles;
import java.time.LocalDate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import atlantafx.base.controls.Spacer;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentMethod;
import shoptwin.ui.common.Forms;
import shoptwin.ui.failover.EditLock;

/** A customer's payments: history table, totals, and the add/edit form underneath. */
public final class PaymentsView extends VBox {
    private final PaymentsViewModel vm;
    private final Label totals = new Label();
    private final Label error = new Label();
    private final TableView<Payment> table = new TableView<>();
    private final Button add = new Button("Add payment", new FontIcon(Feather.PLUS));
    private final Button edit = new Button("Edit", new FontIcon(Feather.EDIT_2));
    private final Button delete = new Button("Delete", new FontIcon(Feather.TRASH_2));
    private final Button export = new Button(null, new FontIcon(Feather.DOWNLOAD));
    private final javafx.scene.control.MenuButton receipt = new javafx.scene.control.MenuButton("Receipt", new FontIcon(Feather.PRINTER));
    private final VBox form = new VBox(10);
    private final Label formTitle = new Label();
    private final TextField amount = new TextField();
    private final ComboBox<PaymentMethod> method = new ComboBox<>();
    private final DatePicker paidOn = new DatePicker();
    private final TextField reference = new TextField();
    private final TextField note = new TextField();
    private final Button save = new Button("Save payment", new FontIcon(Feather.CHECK));
    private final Button cancel = new Button("Cancel");

    public PaymentsView(PaymentsViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setId("payments");
        setSpacing(10);
        Label title = new Label("Payments");
        title.getStyleClass().add(Styles.TITLE_4);
        totals.setId("paymentTotals");
        totals.getStyleClass().add(Styles.TEXT_BOLD);
        add.setId("addPayment");
        add.getStyleClass().add(Styles.ACCENT);
        export.setId("exportPayments");
        export.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        export.setTooltip(new javafx.scene.control.Tooltip("Export this customer's payments to CSV"));
        HBox header = new HBox(10, title, new Spacer(), export, add);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        error.setId("paymentsError");
        error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(error.visibleProperty());

        table.setId("paymentTable");
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No payments yet. Add the first one."));
        table.setPrefHeight(220);
        VBox.setVgrow(table, Priority.ALWAYS);
        // dates, amounts and "Bank transfer" stay whole; a long reference or note gives way, whole in its tooltip
        table.getColumns().add(column("Date", 95, 90, p -> vm.format().date(p.paidAt())));
        TableColumn<Payment, String> amountColumn = column("Amount", 100, 90, p -> vm.format().money(p.amount()));
        amountColumn.getStyleClass().add("text-right");
        table.getColumns().add(amountColumn);
        table.getColumns().add(column("Method", 105, 100, p -> p.method().label()));
        TableColumn<Payment, String> referenceColumn = column("Reference", 120, 80, p -> p.reference() == null ? "" : p.reference());
        TableColumn<Payment, String> noteColumn = column("Note", 140, 80, p -> p.note() == null ? "" : p.note());
        referenceColumn.setCellFactory(col -> Forms.textCellWithTooltip());
        noteColumn.setCellFactory(col -> Forms.textCellWithTooltip());
        table.getColumns().add(referenceColumn);
        table.getColumns().add(noteColumn);
        // on the backup: what was made during the outage and is not in Supabase yet
        TableColumn<Payment, String> waiting = column("Supabase", 150, 120, p -> vm.isWaiting(p) ? "Waiting for Supabase" : "");
        waiting.setId("paymentWaiting");
        waiting.visibleProperty().bind(vm.shop().supabaseOnlyProperty());
        table.getColumns().add(waiting);
        table.getColumns().forEach(c -> c.setSortable(false)); // the store's order: newest first

        edit.setId("editPayment");
        delete.setId("deletePayment");
        delete.getStyleClass().add(Styles.DANGER);
        for (Button b : new Button[] {add, edit, delete}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        receipt.setId("receiptMenu");
        javafx.scene.control.MenuItem print = new javafx.scene.control.MenuItem("Print receipt…");
        print.setId("printReceipt");
        print.setOnAction(e -> vm.receipts().print(table.getSelectionModel().getSelectedItem()));
        javafx.scene.control.MenuItem a4 = new javafx.scene.control.MenuItem("Save as PDF (A4)…");
        a4.setId("receiptPdfA4");
        a4.setOnAction(e -> vm.receipts().savePdf(table.getSelectionModel().getSelectedItem(), shoptwin.receipt.ReceiptLayout.A4));
        javafx.scene.control.MenuItem roll = new javafx.scene.control.MenuItem("Save as PDF (80 mm roll)…");
        roll.setId("receiptPdfRoll");
        roll.setOnAction(e -> vm.receipts().savePdf(table.getSelectionModel().getSelectedItem(),
                shoptwin.receipt.ReceiptLayout.ROLL_80MM));
        receipt.getItems().addAll(print, a4, roll);
        receipt.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // a receipt only reads: it works on the backup too
        receipt.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        vm.receipts().setPrinter(new shoptwin.ui.receipt.FxReceiptPrinter(
                () -> getScene() == null ? null : getScene().getWindow()));
        HBox rowButtons = new HBox(8, receipt, new Spacer(), edit, delete);
        rowButtons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        createForm();
        table.setMinHeight(120);
        // while the form is open its Save must fit on a laptop screen: the row buttons step aside
        rowButtons.visibleProperty().bind(vm.formVisibleProperty().not());
        rowButtons.managedProperty().bind(rowButtons.visibleProperty());
        getChildren().addAll(header, totals, error, table, rowButtons, form);
    }

    private void createForm() {
        form.setId("paymentForm");
        form.managedProperty().bind(form.visibleProperty());
        formTitle.getStyleClass().add(Styles.TITLE_4);
        amount.setId("paymentAmount");
        amount.setPromptText("0.00");
        method.setId("paymentMethod");
        method.getItems().setAll(PaymentMethod.values());
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(PaymentMethod m) {
                return m == null ? "" : m.label();
            }

            @Override
            public PaymentMethod fromString(String s) {
                return null;
            }
        });
        method.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(PaymentMethod m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? "" : m.label());
            }
        });
        method.setMaxWidth(Double.MAX_VALUE);
        paidOn.setId("paymentDate");
        paidOn.setConverter(new DayConverter());
        paidOn.setPromptText("14 Nov 2025");
        paidOn.setMaxWidth(Double.MAX_VALUE);
        reference.setId("paymentReference");
        reference.setPromptText("Receipt or transaction number");
        note.setId("paymentNote");

        PaymentFormViewModel f = vm.form();
        GridPane grid = Forms.grid();
        grid.setVgap(6);
        Forms.row(grid, 0, "Amount", amount, f.errorProperty("amount"), "paymentAmountError");
        Forms.row(grid, 1, "Method", method, f.errorProperty("method"), "paymentMethodError");
        Forms.row(grid, 2, "Date", paidOn, f.errorProperty("paid_at"), "paymentDateError");
        Forms.row(grid, 3, "Reference", reference, f.errorProperty("reference"), "paymentReferenceError");
        Forms.row(grid, 4, "Note", note, f.errorProperty("note"), "paymentNoteError");

        save.setId("savePayment");
        save.getStyleClass().add(Styles.ACCENT);
        cancel.setId("cancelPayment");
        Label hint = Forms.saveHint(f.saveHintProperty(), vm.shop(), "paymentSaveHint");
        HBox buttons = new HBox(8, save, cancel, hint);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(hint, Priority.ALWAYS);
        form.getChildren().addAll(formTitle, grid, Forms.errorLabel(f.generalErrorProperty(), "paymentFormError"), buttons);
    }

    private void initListeners() {
        totals.textProperty().bind(vm.totalsTextProperty());
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        table.setItems(vm.payments());
        vm.customerProperty().addListener((obs, old, now) -> table.refresh());
        EditLock.bind(vm.shop(), edit, table.getSelectionModel().selectedItemProperty().isNull());
        EditLock.bind(vm.shop(), delete, table.getSelectionModel().selectedItemProperty().isNull());
        EditLock.bind(vm.shop(), add);
        add.setOnAction(e -> {
            vm.newPayment();
            amount.requestFocus();
        });
        edit.setOnAction(e -> vm.editPayment(table.getSelectionModel().getSelectedItem()));
        delete.setOnAction(e -> vm.deletePayment(table.getSelectionModel().getSelectedItem()));
        export.setOnAction(e -> vm.exportCsv());
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                vm.editPayment(table.getSelectionModel().getSelectedItem());
            }
        });
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Payment p = table.getSelectionModel().getSelectedItem();
            if (p == null) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER) {
                vm.editPayment(p);
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                vm.deletePayment(p);
                e.consume();
            }
        });

        PaymentFormViewModel f = vm.form();
        form.visibleProperty().bind(vm.formVisibleProperty());
        formTitle.textProperty().bind(f.titleProperty());
        amount.textProperty().bindBidirectional(f.amountProperty());
        method.valueProperty().bindBidirectional(f.methodProperty());
        paidOn.valueProperty().bindBidirectional(f.paidOnProperty());
        // a typed date counts as soon as it parses, not only when the picker loses focus
        paidOn.getEditor().textProperty().addListener((obs, old, now) -> {
            try {
                LocalDate d = paidOn.getConverter().fromString(now);
                if (d != null && !d.equals(paidOn.getValue())) {
                    paidOn.setValue(d);
                }
            } catch (RuntimeException ignored) {
                // half-typed dates are normal while typing; the field keeps its last valid day
            }
        });
        reference.textProperty().bindBidirectional(f.referenceProperty());
        note.textProperty().bindBidirectional(f.noteProperty());
        EditLock.bind(vm.shop(), save, f.canSaveProperty().not());
        save.setOnAction(e -> vm.savePayment());
        cancel.setOnAction(e -> vm.cancelForm());
        amount.setOnAction(e -> vm.savePayment());
        form.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.cancelForm();
                e.consume();
            }
        });
    }

    private static TableColumn<Payment, String> column(String title, double width, double min,
            java.util.function.Function<Payment, String> text) {
        TableColumn<Payment, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(min);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    /** Days as the tables show them ("14 Nov 2025"); also reads 2025-11-14 and 14/11/2025 when typed. */
    public static final class DayConverter extends StringConverter<LocalDate> {
        private static final java.time.format.DateTimeFormatter SHOWN =
                java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);
        private static final java.time.format.DateTimeFormatter[] READ = {
            SHOWN,
            java.time.format.DateTimeFormatter.ISO_LOCAL_DATE,
            java.time.format.DateTimeFormatter.ofPattern("d/M/yyyy"),
        };

        @Override
        public String toString(LocalDate d) {
            return d == null ? "" : SHOWN.format(d);
        }

        @Override
        public LocalDate fromString(String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            for (java.time.format.DateTimeFormatter f : READ) {
                try {
                    return LocalDate.parse(s.strip(), f);
                } catch (java.time.format.DateTimeParseException ignored) {
                    // try the next form
                }
            }
            throw new IllegalArgumentException("not a date: " + s);
        }
    }

    /** The shop's currency or zone changed: redraw amounts and dates. */
    public void refreshFormatting() {
        table.refresh();
    }
}
