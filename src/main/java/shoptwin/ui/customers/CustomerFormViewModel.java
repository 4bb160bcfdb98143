package shoptwin.ui.customers;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import shoptwin.domain.Customer;
import shoptwin.domain.CustomerDraft;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.EditForm;
import shoptwin.ui.common.FormErrors;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/** Creating or editing one customer: the fields, their inline messages, and save with conflict handling. */
public final class CustomerFormViewModel {
    public static final List<String> FIELDS = List.of("name", "phone", "email", "address", "notes");

    private final ShopStore store;
    private final UiExecutor executor;
    private final EditForm form;
    private final FormErrors errors;

    // ---- Properties
    private final StringProperty name;
    private final StringProperty phone;
    private final StringProperty email;
    private final StringProperty address;
    private final StringProperty notes;
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper saveHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New customer");
    private final ReadOnlyObjectWrapper<Customer> base = new ReadOnlyObjectWrapper<>();

    public CustomerFormViewModel(ShopStore store, UiExecutor executor, DialogService dialogs) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.form = new EditForm(FIELDS, executor, dialogs);
        this.errors = form.errors();
        name = form.addText("name");
        phone = form.addText("phone");
        email = form.addText("email");
        address = form.addText("address");
        notes = form.addText("notes");
        form.onChange(this::revalidate);
        canSave.bind(form.validAndIdle());
        saveHint.bind(form.saveHint());
        revalidate();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty phoneProperty() {
        return phone;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public StringProperty field(String fieldName) {
        return form.text(fieldName);
    }

    /** The message beside a field ("" when fine). */
    public ReadOnlyStringProperty errorProperty(String fieldName) {
        return errors.errorProperty(fieldName);
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

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    /** Why Save is disabled, from the start: "To save: Name is required." ("" when it can save). */
    public ReadOnlyStringProperty saveHintProperty() {
        return saveHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The customer being edited as last loaded; null for a new one. */
    public ReadOnlyObjectProperty<Customer> baseProperty() {
        return base.getReadOnlyProperty();
    }

    public boolean isNew() {
        return base.get() == null;
    }

    public boolean isDirty() {
        CustomerDraft start = base.get() == null ? CustomerDraft.empty() : base.get().toDraft();
        return !same(start.name(), name.get()) || !same(start.phone(), phone.get()) || !same(start.email(), email.get())
                || !same(start.address(), address.get()) || !same(start.notes(), notes.get());
    }

    // ---- Commands

    public void startNew() {
        load(null);
    }

    public void startEdit(Customer customer) {
        load(Objects.requireNonNull(customer));
    }

    /** Saves; {@code onSaved} gets the stored customer, {@code onGone} runs when it was deleted meanwhile. */
    public void save(Consumer<Customer> onSaved, Runnable onGone) {
        if (!canSave.get()) {
            errors.showAll();
            return;
        }
        CustomerDraft draft = draft();
        Customer editing = base.get();
        long version = editing == null ? 0 : editing.version();
        write(draft, editing, version, onSaved, onGone);
    }

    private void write(CustomerDraft draft, Customer editing, long version, Consumer<Customer> onSaved, Runnable onGone) {
        form.save(() -> editing == null ? store.createCustomer(draft) : store.updateCustomer(editing.id(), version, draft),
                saved -> {
                    load(saved);
                    onSaved.accept(saved);
                },
                failure -> form.refused(failure, conflict(draft, editing, onSaved, onGone), "Customer no longer exists", onGone));
    }

    private EditForm.Conflict<Customer> conflict(CustomerDraft draft, Customer editing, Consumer<Customer> onSaved, Runnable onGone) {
        return new EditForm.Conflict<>("this customer",
                theirs -> "Someone else saved changes to " + (theirs == null ? draft.name() : theirs.name()) + " after you opened it.",
                theirs -> {
                    if (theirs != null) {
                        load(theirs);
                    } else {
                        reloadFromStore(editing, onGone);
                    }
                },
                () -> write(draft, editing, ShopStore.ANY_VERSION, onSaved, onGone));
    }

    private void reloadFromStore(Customer editing, Runnable onGone) {
        BackgroundTask.of(() -> store.getCustomer(editing.id()))
                .onSuccess(found -> found.ifPresentOrElse(this::load, onGone))
                .onFailure(f -> errors.setGeneral(UiErrors.userMessage(f)))
                .executeWith(executor);
    }

    /** Shows every message now. */
    public void validate() {
        revalidate();
        errors.showAll();
    }

    public CustomerDraft draft() {
        return new CustomerDraft(name.get(), phone.get(), email.get(), address.get(), notes.get());
    }

    private void load(Customer customer) {
        form.fill(() -> {
            base.set(customer);
            CustomerDraft d = customer == null ? CustomerDraft.empty() : customer.toDraft();
            name.set(nz(d.name()));
            phone.set(nz(d.phone()));
            email.set(nz(d.email()));
            address.set(nz(d.address()));
            notes.set(nz(d.notes()));
            title.set(customer == null ? "New customer" : "Edit " + customer.name());
            errors.reset();
            revalidate();
        });
    }

    private void revalidate() {
        errors.update(draft().errors());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static boolean same(String a, String b) {
        return nz(a).strip().equals(nz(b).strip());
    }
}
