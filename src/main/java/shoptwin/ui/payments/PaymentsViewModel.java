package shoptwin.ui.payments;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.domain.Customer;
import shoptwin.domain.Payment;
import shoptwin.store.NotFoundException;
import shoptwin.store.PaymentHistory;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.Csv;
import shoptwin.ui.common.DeleteWording;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.ShopFormat;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/** One customer's payment history, its totals, and adding, editing, deleting and exporting payments. */
public final class PaymentsViewModel {
    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;
    private final PaymentFormViewModel form;
    private final FileChoices files;
    /** Days the Recycle bin keeps a deleted payment; 0 without the history (a MongoDB backup), when a delete is final. */
    private int restorableDays;
    private final shoptwin.ui.receipt.ReceiptViewModel receipts;

    // ---- Properties
    private final ReadOnlyObjectWrapper<Customer> customer = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Payment> payments = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<BigDecimal> total = new ReadOnlyObjectWrapper<>(BigDecimal.ZERO);
    private final ReadOnlyStringWrapper totalsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper formVisible = new ReadOnlyBooleanWrapper(false);
    private Runnable onChanged = () -> { };
    private long loadSeq;
    /** On the backup: the payments made or changed during the outage, not in Supabase yet. */
    private java.util.Set<java.util.UUID> waiting = java.util.Set.of();

    public PaymentsViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, ShopContext shop) {
        this(store, executor, dialogs, shop, FileChoices.inMemory(dialogs));
    }

    public PaymentsViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, ShopContext shop, FileChoices files) {
        this.files = Objects.requireNonNull(files);
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        this.form = new PaymentFormViewModel(store, executor, dialogs, shop);
        this.receipts = new shoptwin.ui.receipt.ReceiptViewModel(store, executor, dialogs, files);
        shop.formatProperty().addListener((obs, old, now) -> updateTotals());
        shop.addStoreSwitchListener(this::reload); // the shown customer's payments, from the database read now
    }

    public PaymentFormViewModel form() {
        return form;
    }

    /** Print receipt / Save as PDF for the selected payment. */
    public shoptwin.ui.receipt.ReceiptViewModel receipts() {
        return receipts;
    }

    public ReadOnlyObjectProperty<Customer> customerProperty() {
        return customer.getReadOnlyProperty();
    }

    public ObservableList<Payment> payments() {
        return FXCollections.unmodifiableObservableList(payments);
    }

    /** Made or changed on the backup during the outage, and waiting for Supabase: the list marks it. */
    public boolean isWaiting(Payment p) {
        return p != null && waiting.contains(p.id());
    }

    public ReadOnlyObjectProperty<BigDecimal> totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** "3 payments · $1,250.00 in total". */
    public ReadOnlyStringProperty totalsTextProperty() {
        return totalsText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty formVisibleProperty() {
        return formVisible.getReadOnlyProperty();
    }

    public ShopFormat format() {
        return shop.format();
    }

    /** Called after a payment was added, changed or deleted (the list's totals are stale then). */
    public ShopContext shop() {
        return shop;
    }

    public void setOnChanged(Runnable onChanged) {
        this.onChanged = Objects.requireNonNull(onChanged);
    }

    // ---- Commands

    public void show(Customer c) {
        boolean same = customer.get() != null && c != null && customer.get().id().equals(c.id());
        customer.set(c);
        if (!same) {
            formVisible.set(false);
            payments.clear();
            total.set(BigDecimal.ZERO);
            updateTotals();
        }
        if (c != null) {
            reload();
        }
    }

    public void reload() {
        Customer c = customer.get();
        if (c == null) {
            return;
        }
        long seq = ++loadSeq;
        loading.set(true);
        BackgroundTask.of(() -> store.listPayments(c.id()))
                .onSuccess(history -> {
                    if (seq == loadSeq) {
                        apply(history);
                        error.set("");
                    }
                })
                .onFailure(f -> {
                    if (seq == loadSeq) {
                        UiErrors.logIfUnexpected(f);
                        error.set("Could not load payments. " + UiErrors.userMessage(f));
                    }
                })
                .onFinally(() -> {
                    if (seq == loadSeq) {
                        loading.set(false);
                    }
                })
                .executeWith(executor);
    }

    public void newPayment() {
        if (shop.isReadOnly()) {
            return; // reading the backup: the buttons are disabled, this stops the keys too
        }
        Customer c = customer.get();
        if (c == null) {
            return;
        }
        form.startNew(c.id());
        formVisible.set(true);
    }

    public void editPayment(Payment payment) {
        if (shop.isReadOnly()) {
            return; // reading the backup: the buttons are disabled, this stops the keys too
        }
        if (payment == null) {
            return;
        }
        form.startEdit(payment);
        formVisible.set(true);
    }

    public void cancelForm() {
        formVisible.set(false);
    }

    public void savePayment() {
        form.save(saved -> {
            formVisible.set(false);
            reload();
            onChanged.run();
        }, () -> {
            formVisible.set(false);
            reload();
            onChanged.run();
        });
    }

    public void deletePayment(Payment payment) {
        if (shop.isReadOnly()) {
            return; // reading the backup: the buttons are disabled, this stops the keys too
        }
        if (payment == null) {
            return;
        }
        if (!dialogs.confirmDanger("Delete payment", deleteConfirmationText(payment), "Delete payment")) {
            return;
        }
        BackgroundTask.run(() -> store.deletePayment(payment.id()))
                .onSuccess(v -> {
                    reload();
                    onChanged.run();
                })
                .onFailure(f -> {
                    Throwable t = UiErrors.unwrap(f);
                    if (t instanceof NotFoundException) {
                        dialogs.showInfo("Payment already gone", UiErrors.userMessage(t));
                    } else {
                        UiErrors.logIfUnexpected(t);
                        dialogs.showError("Could not delete the payment", UiErrors.userMessage(t));
                    }
                    reload();
                })
                .executeWith(executor);
    }

    public String deleteConfirmationText(Payment payment) {
        ShopFormat f = shop.format();
        return "Delete the payment of " + f.money(payment.amount()) + " made on " + f.date(payment.paidAt()) + "?"
                + DeleteWording.after("it", restorableDays);
    }

    /** Set by HistoryConsole.install: a deleted payment can be restored from the Recycle bin for {@code days} (0: final). */
    public void setDeletesRestorableFor(int days) {
        this.restorableDays = DeleteWording.restorableDays(days);
    }

    /** Asks for a file, then writes this customer's payments to it off the FX thread. */
    public void exportCsv() {
        Customer c = customer.get();
        if (c == null) {
            return;
        }
        files.save("Export payments", fileName(c.name()) + "-payments.csv", DialogService.FileKind.CSV).ifPresent(this::exportCsv);
    }

    public void exportCsv(Path file) {
        Customer c = customer.get();
        ShopFormat f = shop.format();
        BackgroundTask.of(() -> {
            PaymentHistory history = store.listPayments(c.id());
            try (Csv out = Csv.create(file)) {
                // payment_id: what `shoptwin receipt PAYMENT_ID` takes
                out.row("customer", "paid_at", "amount", "currency", "method", "reference", "note", "payment_id");
                for (Payment p : history.payments()) {
                    out.row(c.name(), f.isoDateTime(p.paidAt()), p.amount(), f.currency(), p.method().label(),
                            p.reference(), p.note(), p.id().toString());
                }
            }
            return history.count();
        })
                .onSuccess(n -> dialogs.showInfo("Payments exported", "Wrote " + n + (n == 1 ? " payment" : " payments")
                        + " to " + FileChoices.where(file) + "."))
                .onFailure(t -> {
                    UiErrors.logIfUnexpected(t);
                    dialogs.showError("Export failed", UiErrors.userMessage(t));
                })
                .executeWith(executor);
    }

    private void apply(PaymentHistory history) {
        waiting = history.waiting();
        payments.setAll(history.payments());
        total.set(history.total() == null ? BigDecimal.ZERO : history.total());
        updateTotals();
    }

    private void updateTotals() {
        int n = payments.size();
        long w = payments.stream().filter(this::isWaiting).count();
        totalsText.set(n == 0 ? "No payments yet"
                : n + (n == 1 ? " payment" : " payments") + " · " + shop.format().money(total.get()) + " in total"
                + (w == 0 ? "" : " · " + w + " waiting for Supabase"));
    }

    static String fileName(String name) {
        String s = name == null ? "customer" : name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "customer" : s;
    }
}
