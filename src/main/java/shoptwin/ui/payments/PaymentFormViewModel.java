package shoptwin.ui.payments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.EditForm;
import shoptwin.ui.common.FormErrors;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.UiExecutor;

/**
 * Adding or editing one payment. The date is picked in the shop's time zone; the time of day of an
 * edited payment is kept, a new one gets the current time (noon for another day).
 */
public final class PaymentFormViewModel {
    public static final List<String> FIELDS = List.of("amount", "method", "paid_at", "reference", "note");

    private final ShopStore store;
    private final ShopContext shop;
    private final EditForm form;
    private final FormErrors errors;

    // ---- Properties
    private final StringProperty amount;
    private final ObjectProperty<PaymentMethod> method;
    private final ObjectProperty<LocalDate> paidOn;
    private final StringProperty reference;
    private final StringProperty note;
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyStringWrapper saveHint = new javafx.beans.property.ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New payment");
    private UUID customerId;
    private Payment base;

    public PaymentFormViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, ShopContext shop) {
        this.store = Objects.requireNonNull(store);
        this.shop = Objects.requireNonNull(shop);
        this.form = new EditForm(FIELDS, executor, dialogs);
        this.errors = form.errors();
        amount = form.addText("amount");
        method = form.add("method", new SimpleObjectProperty<>(PaymentMethod.CASH));
        paidOn = form.add("paid_at", new SimpleObjectProperty<>());
        reference = form.addText("reference");
        note = form.addText("note");
        form.onChange(this::revalidate);
        canSave.bind(form.validAndIdle());
        saveHint.bind(form.saveHint());
        revalidate();
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public ObjectProperty<PaymentMethod> methodProperty() {
        return method;
    }

    public ObjectProperty<LocalDate> paidOnProperty() {
        return paidOn;
    }

    public StringProperty referenceProperty() {
        return reference;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public ReadOnlyStringProperty errorProperty(String field) {
        return errors.errorProperty(field);
    }

    public ReadOnlyStringProperty generalErrorProperty() {
        return errors.generalProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return errors.validProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return form.savingProperty();
    }

    /** Why Save is disabled, from the start: "To save: Enter an amount." ("" when it can save). */
    public javafx.beans.property.ReadOnlyStringProperty saveHintProperty() {
        return saveHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    // ---- Commands

    public void startNew(UUID forCustomer) {
        load(Objects.requireNonNull(forCustomer), null);
    }

    public void startEdit(Payment payment) {
        load(payment.customerId(), payment);
    }

    public void validate() {
        revalidate();
        errors.showAll();
    }

    public void save(Consumer<Payment> onSaved, Runnable onGone) {
        if (!canSave.get()) {
            errors.showAll();
            return;
        }
        write(draft(), base, base == null ? 0 : base.version(), onSaved, onGone);
    }

    private void write(PaymentDraft draft, Payment editing, long version, Consumer<Payment> onSaved, Runnable onGone) {
        form.save(() -> editing == null ? store.createPayment(draft) : store.updatePayment(editing.id(), version, draft),
                onSaved,
                failure -> form.refused(failure, conflict(draft, editing, onSaved, onGone), "Payment no longer exists", onGone));
    }

    private EditForm.Conflict<Payment> conflict(PaymentDraft draft, Payment editing, Consumer<Payment> onSaved, Runnable onGone) {
        return new EditForm.Conflict<>("this payment",
                theirs -> "Someone else saved changes to this payment after you opened it.",
                theirs -> {
                    if (theirs != null) {
                        load(theirs.customerId(), theirs);
                    } else {
                        onGone.run();
                    }
                },
                () -> write(draft, editing, ShopStore.ANY_VERSION, onSaved, onGone));
    }

    public PaymentDraft draft() {
        return new PaymentDraft(customerId, amount.get(), method.get(), reference.get(), note.get(), paidAt());
    }

    /** The picked day at the kept (or current) time of day, in the shop's zone. */
    Instant paidAt() {
        LocalDate day = paidOn.get();
        if (day == null) {
            return null;
        }
        ZoneId zone = shop.format().zone();
        LocalTime time;
        if (base != null && base.paidAt() != null) {
            time = base.paidAt().atZone(zone).toLocalTime();
        } else if (day.equals(LocalDate.now(zone))) {
            time = LocalTime.now(zone);
        } else {
            time = LocalTime.NOON;
        }
        return day.atTime(time).atZone(zone).toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void load(UUID forCustomer, Payment payment) {
        form.fill(() -> {
            customerId = forCustomer;
            base = payment;
            ZoneId zone = shop.format().zone();
            amount.set(payment == null ? "" : payment.amount().toPlainString());
            method.set(payment == null ? PaymentMethod.CASH : payment.method());
            paidOn.set(payment == null ? LocalDate.now(zone) : payment.paidAt().atZone(zone).toLocalDate());
            reference.set(payment == null || payment.reference() == null ? "" : payment.reference());
            note.set(payment == null || payment.note() == null ? "" : payment.note());
            title.set(payment == null ? "New payment" : "Edit payment");
            errors.reset();
            revalidate();
        });
    }

    private void revalidate() {
        errors.update(draft().errors());
    }
}
