package shoptwin.ui.shop;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import shoptwin.domain.Shop;
import shoptwin.domain.ShopDraft;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.EditForm;
import shoptwin.ui.common.FormErrors;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/** The shop's settings row: edit, validate, save, revert, and a guard against leaving unsaved work. */
public final class ShopSettingsViewModel {
    public static final List<String> FIELDS = List.of("name", "owner_name", "phone", "email", "address",
            "currency", "timezone", "tax_id", "receipt_footer");

    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;
    private final EditForm form;
    private final FormErrors errors;

    // ---- Properties
    private final StringProperty name;
    private final StringProperty ownerName;
    private final StringProperty phone;
    private final StringProperty email;
    private final StringProperty address;
    private final StringProperty currency;
    private final StringProperty timezone;
    private final StringProperty taxId;
    private final StringProperty receiptFooter;
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper saveHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currencyNote = new ReadOnlyStringWrapper("");
    private Shop base;

    public ShopSettingsViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, ShopContext shop) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        this.form = new EditForm(FIELDS, executor, dialogs);
        this.errors = form.errors();
        name = form.addText("name");
        ownerName = form.addText("owner_name");
        phone = form.addText("phone");
        email = form.addText("email");
        address = form.addText("address");
        currency = form.addText("currency");
        timezone = form.addText("timezone");
        taxId = form.addText("tax_id");
        receiptFooter = form.addText("receipt_footer");
        form.onChange(() -> {
            if (!form.isFilling()) {
                status.set("");
            }
            recompute();
        });
        canSave.bind(form.validAndIdle().and(dirty));
        var formHint = form.saveHint();
        saveHint.bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> !formHint.get().isEmpty() ? formHint.get() : dirty.get() ? "" : "No changes to save.", formHint, dirty));
        fill(null);
        shop.addStoreSwitchListener(this::reloadUnlessEdited);
    }

    public StringProperty field(String f) {
        return form.text(f);
    }

    public ReadOnlyStringProperty errorProperty(String f) {
        return errors.errorProperty(f);
    }

    public ReadOnlyStringProperty generalErrorProperty() {
        return errors.generalProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return errors.validProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return form.savingProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    /** Why Save is disabled: "No changes to save.", "To save: Shop name is required." ("" when it can save). */
    public ReadOnlyStringProperty saveHintProperty() {
        return saveHint.getReadOnlyProperty();
    }

    /** "Saved." / "All fields look fine." */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The currency picker's list: those in use today, plus the shop's saved one (see {@link ShopChoices}). */
    public List<ShopChoices.Choice> currencyChoices() {
        return ShopChoices.currencies(base == null ? currency.get() : base.currency());
    }

    /** The time zone picker's list, with offsets as of now, plus the shop's saved zone. */
    public List<ShopChoices.Choice> zoneChoices() {
        return ShopChoices.zones(base == null ? timezone.get() : base.timezone(), java.time.Instant.now());
    }

    /**
     * Shown beside the currency while it differs from the saved one: a new code relabels the amounts, it does not
     * convert them ("" otherwise).
     */
    public ReadOnlyStringProperty currencyNoteProperty() {
        return currencyNote.getReadOnlyProperty();
    }

    // ---- Commands

    public ShopContext shop() {
        return shop;
    }

    public void load() {
        loading.set(true);
        BackgroundTask.of(store::getShop)
                .onSuccess(found -> {
                    fill(found.orElse(null));
                    found.ifPresent(shop::update);
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    errors.setGeneral("Could not load the shop's settings. " + UiErrors.userMessage(f));
                })
                .onFinally(() -> loading.set(false))
                .executeWith(executor);
    }

    /**
     * After a switch between Supabase and the backup: reads the settings from the database read now,
     * unless the form holds unsaved edits, which are kept (a person typed them; a later save meets
     * the usual conflict check, or the read-only backup's refusal).
     */
    void reloadUnlessEdited() {
        if (!dirty.get()) {
            load();
        }
    }

    /** Shows every message; true when the settings can be saved. */
    public boolean validate() {
        recompute();
        errors.showAll();
        boolean ok = errors.validProperty().get();
        status.set(ok ? "All fields look fine." : "");
        return ok;
    }

    public void save() {
        save(() -> { });
    }

    /** Saves; {@code after} runs once the row is stored (used by "Save" in the leave question). */
    public void save(Runnable after) {
        if (!validate()) {
            return;
        }
        write(draft(), base == null ? 0 : base.version(), after);
    }

    private void write(ShopDraft draft, long version, Runnable after) {
        form.save(() -> store.saveShop(version, draft),
                saved -> {
                    fill(saved);
                    shop.update(saved);
                    status.set("Saved.");
                    after.run();
                },
                failure -> form.refused(failure, conflict(draft, after)));
    }

    private EditForm.Conflict<Shop> conflict(ShopDraft draft, Runnable after) {
        return new EditForm.Conflict<>("the shop's settings",
                theirs -> "Someone else saved the shop's settings after you opened them.",
                theirs -> {
                    if (theirs != null) {
                        fill(theirs);
                        shop.update(theirs);
                        status.set("Reloaded the saved settings.");
                    } else {
                        load();
                    }
                },
                () -> write(draft, ShopStore.ANY_VERSION, after));
    }

    /** Back to the settings as last loaded or saved. */
    public void revert() {
        fill(base);
        status.set("");
    }

    /** The navigation guard: asks Save / Discard / Cancel when there are unsaved changes. */
    public void confirmLeave(Runnable proceed) {
        if (!dirty.get()) {
            proceed.run();
            return;
        }
        switch (dialogs.askUnsavedChanges("The shop's settings have unsaved changes. Save them before leaving?")) {
            case SAVE -> save(proceed);
            case DISCARD -> {
                revert();
                proceed.run();
            }
            case CANCEL -> { }
        }
    }

    public ShopDraft draft() {
        return new ShopDraft(name.get(), ownerName.get(), phone.get(), email.get(), address.get(), currency.get(),
                timezone.get(), taxId.get(), receiptFooter.get());
    }

    private void fill(Shop s) {
        form.fill(() -> {
            base = s;
            ShopDraft d = s == null ? new ShopDraft("", "", "", "", "", "USD", ZoneId.systemDefault().getId(), "", "") : s.toDraft();
            name.set(nz(d.name()));
            ownerName.set(nz(d.ownerName()));
            phone.set(nz(d.phone()));
            email.set(nz(d.email()));
            address.set(nz(d.address()));
            currency.set(nz(d.currency()));
            timezone.set(nz(d.timezone()));
            taxId.set(nz(d.taxId()));
            receiptFooter.set(nz(d.receiptFooter()));
            errors.reset();
            recompute();
        });
    }

    private void recompute() {
        ShopDraft d = draft();
        errors.update(d.errors());
        String saved = base == null ? "" : nz(base.currency());
        currencyNote.set(ShopChoices.isCurrencyChange(saved, d.currency())
                ? "Amounts are relabelled, not converted: every amount keeps its number and shows in "
                        + t(d.currency()).toUpperCase(java.util.Locale.ROOT) + " instead of " + saved + "."
                : "");
        if (base == null) {
            // no row yet: anything typed is worth saving
            dirty.set(!nz(d.name()).isBlank());
        } else {
            dirty.set(!normalised(d).equals(normalised(base.toDraft())));
        }
    }

    private static ShopDraft normalised(ShopDraft d) {
        return new ShopDraft(t(d.name()), t(d.ownerName()), t(d.phone()), t(d.email()), t(d.address()),
                t(d.currency()).toUpperCase(java.util.Locale.ROOT), t(d.timezone()), t(d.taxId()), t(d.receiptFooter()));
    }

    private static String t(String s) {
        return s == null ? "" : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
