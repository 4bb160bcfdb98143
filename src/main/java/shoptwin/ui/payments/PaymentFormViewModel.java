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
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import shoptwin.domain.Payment;
import shoptwin.domain.PaymentDraft;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ValidationException;
import shoptwin.store.ConflictException;
import shoptwin.store.NotFoundException;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FormErrors;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * Adding or editing one payment. The date is picked in the shop's time zone; the time of day of an
 * edited payment is kept, a new one gets the current time (noon for another day).
 */
public final class PaymentFormViewModel {
    public static final List<String> FIELDS = List.of("amount", "method", "paid_at", "reference", "note");

    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;

    // ---- Properties
    private final StringProperty amount = new SimpleStringProperty("");
    private final ObjectProperty<PaymentMethod> method = new SimpleObjectProperty<>(PaymentMethod.CASH);
    private final ObjectProperty<LocalDate> paidOn = new SimpleObjectProperty<>();
    private final StringProperty reference = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final FormErrors errors = new FormErrors(FIELDS.toArray(String[]::new));
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New payment");
    private UUID customerId;
    private Payment base;
    private boolean loading;

    public PaymentFormViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, ShopContext shop) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        watch(amount, "amount");
        watch(method, "method");
        watch(paidOn, "paid_at");
        watch(reference, "reference");
        watch(note, "note");
        canSave.bind(Bindings.createBooleanBinding(() -> errors.validProperty().get() && !saving.get(),
                errors.validProperty(), saving));
        revalidate();
    }

    private void watch(Observable property, String field) {
        property.addListener(o -> {
            if (!loading) {
                errors.touch(field);
            }
            revalidate();
        });
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
        return saving.getReadOnlyProperty();
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
        saving.set(true);
        errors.setGeneral("");
        BackgroundTask.of(() -> editing == null ? store.createPayment(draft) : store.updatePayment(editing.id(), version, draft))
                .onSuccess(onSaved)
                .onFailure(f -> onSaveFailed(UiErrors.unwrap(f), draft, editing, onSaved, onGone))
                .onFinally(() -> saving.set(false))
                .executeWith(executor);
    }

    private void onSaveFailed(Throwable failure, PaymentDraft draft, Payment editing, Consumer<Payment> onSaved, Runnable onGone) {
        if (failure instanceof ValidationException v) {
            errors.update(v.errors());
            errors.showAll();
        } else if (failure instanceof ConflictException conflict) {
            DialogService.ConflictChoice choice = dialogs.askConflict("Someone else changed this payment",
                    "Someone else saved changes to this payment after you opened it.\n\n"
                            + "Reload their version (your edits are dropped), or overwrite it with yours?");
            switch (choice) {
                case RELOAD -> {
                    Payment theirs = conflict.current();
                    if (theirs != null) {
                        load(theirs.customerId(), theirs);
                    } else {
                        onGone.run();
                    }
                }
                case OVERWRITE -> write(draft, editing, ShopStore.ANY_VERSION, onSaved, onGone);
                case CANCEL -> errors.setGeneral("Not saved: someone else changed this payment.");
            }
        } else if (failure instanceof NotFoundException) {
            dialogs.showError("Payment no longer exists", UiErrors.userMessage(failure));
            onGone.run();
        } else {
            UiErrors.logIfUnexpected(failure);
            errors.setGeneral("Not saved. " + UiErrors.userMessage(failure));
        }
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
        loading = true;
        try {
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
        } finally {
            loading = false;
        }
    }

    private void revalidate() {
        errors.update(draft().errors());
    }
}
