package shoptwin.ui.customers;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.domain.Customer;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.Page;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.Debouncer;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.ShopFormat;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;
import shoptwin.ui.payments.PaymentsViewModel;

/**
 * The customer list (searched, sorted and paged by the store, never in memory) and what the right
 * side shows: nothing, a customer's detail with payments, or the customer form.
 */
public final class CustomersViewModel {
    public static final int PAGE_SIZE = 50;
    /** What a keyboard path says instead of doing nothing while the console reads the read-only backup. */
    public static final String READ_ONLY_TITLE = "Reading the MongoDB backup";

    public enum EmptyState { NONE, NO_CUSTOMERS, NO_MATCH }

    public enum Panel { NONE, DETAIL, FORM }

    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final ShopContext shop;
    private final CustomerFormViewModel form;
    private final PaymentsViewModel payments;
    private final CustomerExport export;
    private final CustomerDeletion deletion;

    // ---- Properties
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ObservableList<CustomerSummary> rows = FXCollections.observableArrayList();
    private final CustomerPageText paging = new CustomerPageText();
    private final ReadOnlyObjectWrapper<CustomerSort> sort = new ReadOnlyObjectWrapper<>(CustomerSort.NAME);
    private final ReadOnlyBooleanWrapper ascending = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper searchPending = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Panel> panel = new ReadOnlyObjectWrapper<>(Panel.NONE);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ObjectProperty<CustomerSummary> selected = new SimpleObjectProperty<>();
    /** The search text the shown rows were fetched with (the typed one may be newer). */
    private String appliedText = "";
    private long requestSeq;
    private UUID selectAfterLoad;
    /** Set while the selection is cleared on purpose with the detail kept (a saved customer outside the search). */
    private boolean keepDetail;
    private boolean clearing;

    public CustomersViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, Debouncer debouncer, ShopContext shop) {
        this(store, executor, dialogs, debouncer, shop, FileChoices.inMemory(dialogs));
    }

    /** @param files where exports are saved: the last folder used, remembered between runs */
    public CustomersViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, Debouncer debouncer, ShopContext shop,
            FileChoices files) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.debouncer = Objects.requireNonNull(debouncer);
        this.shop = Objects.requireNonNull(shop);
        this.form = new CustomerFormViewModel(store, executor, dialogs);
        this.payments = new PaymentsViewModel(store, executor, dialogs, shop, files);
        this.export = new CustomerExport(store, executor, dialogs, shop, files);
        this.deletion = new CustomerDeletion(store, executor, dialogs);
        payments.setOnChanged(this::refresh);
        searchText.addListener((obs, old, now) -> {
            if (clearing) {
                return; // clearSearch runs the search itself, at once
            }
            searchPending.set(true); // the spinner shows from the first key, not only once the query runs
            debouncer.submit(() -> search(now));
        });
        selected.addListener((obs, old, now) -> onSelected(now));
        shop.addStoreSwitchListener(this::refresh); // the same page, from the database read now
    }

    public CustomerFormViewModel form() {
        return form;
    }

    public PaymentsViewModel payments() {
        return payments;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObservableList<CustomerSummary> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ReadOnlyLongProperty totalProperty() {
        return paging.total();
    }

    public ReadOnlyIntegerProperty offsetProperty() {
        return paging.offset();
    }

    public ReadOnlyObjectProperty<CustomerSort> sortProperty() {
        return sort.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty ascendingProperty() {
        return ascending.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Typed search text waiting for the pause before it runs. */
    public ReadOnlyBooleanProperty searchPendingProperty() {
        return searchPending.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "1–50 of 10,234". */
    public ReadOnlyStringProperty pageTextProperty() {
        return paging.pageText();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return paging.hasPrevious();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return paging.hasNext();
    }

    public ReadOnlyObjectProperty<EmptyState> emptyStateProperty() {
        return paging.emptyState();
    }

    public ReadOnlyStringProperty emptyTextProperty() {
        return paging.emptyText();
    }

    public ReadOnlyObjectProperty<Panel> panelProperty() {
        return panel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return export.exportingProperty();
    }

    /** A short confirmation ("Saved Zara Quinn."); the view shows it for a few seconds, then calls {@link #clearNotice()}. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void clearNotice() {
        notice.set("");
    }

    /** The row the user selected; the view binds its table selection here. */
    public ObjectProperty<CustomerSummary> selectedProperty() {
        return selected;
    }

    public ShopFormat format() {
        return shop.format();
    }

    public ShopContext shop() {
        return shop;
    }

    // ---- Commands: the list

    /** Re-reads the current page (after a save, a delete, a payment change). */
    public void refresh() {
        load(appliedText, paging.offset().get());
    }

    /** Runs the search now (the debouncer calls this once typing paused). */
    public void search(String text) {
        searchPending.set(false);
        load(text == null ? "" : text.strip(), 0);
    }

    public void nextPage() {
        if (paging.hasNext().get()) {
            load(appliedText, paging.offset().get() + PAGE_SIZE);
        }
    }

    public void previousPage() {
        if (paging.hasPrevious().get()) {
            load(appliedText, Math.max(0, paging.offset().get() - PAGE_SIZE));
        }
    }

    public void firstPage() {
        load(appliedText, 0);
    }

    public void lastPage() {
        long t = paging.total().get();
        if (t > 0) {
            load(appliedText, (int) ((t - 1) / PAGE_SIZE * PAGE_SIZE));
        }
    }

    /** Sorting is the store's job: back to the first page in the new order. */
    public void sortBy(CustomerSort column, boolean asc) {
        sort.set(Objects.requireNonNull(column));
        ascending.set(asc);
        load(appliedText, 0);
    }

    private void load(String text, int newOffset) {
        long seq = ++requestSeq;
        CustomerQuery query = new CustomerQuery(text, sort.get(), ascending.get(), newOffset, PAGE_SIZE);
        loading.set(true);
        BackgroundTask.of(() -> store.searchCustomers(query))
                .onSuccess(page -> {
                    if (seq == requestSeq) { // an older answer must not overwrite a newer search
                        apply(text, page);
                    }
                })
                .onFailure(f -> {
                    if (seq == requestSeq) {
                        UiErrors.logIfUnexpected(f);
                        error.set("Could not load customers. " + UiErrors.userMessage(f));
                    }
                })
                .onFinally(() -> {
                    if (seq == requestSeq) {
                        loading.set(false);
                    }
                })
                .executeWith(executor);
    }

    private void apply(String text, Page<CustomerSummary> page) {
        if (page.items().isEmpty() && page.offset() > 0 && page.total() > 0) {
            // the page emptied under us (deletes elsewhere): show the last page that has rows
            load(text, (int) ((page.total() - 1) / PAGE_SIZE * PAGE_SIZE));
            return;
        }
        boolean newSearch = !text.equals(appliedText);
        appliedText = text;
        error.set("");
        UUID keep = selectAfterLoad != null ? selectAfterLoad
                : selected.get() == null ? null : selected.get().customer().id();
        selectAfterLoad = null;
        rows.setAll(page.items());
        paging.show(text, page, shop.format());
        CustomerSummary again = keep == null ? null
                : rows.stream().filter(r -> r.customer().id().equals(keep)).findFirst().orElse(null);
        if (again != null) {
            selected.set(again);
        } else if (panel.get() == Panel.DETAIL && newSearch && !shownIsListed()) {
            // a search that leaves out the customer shown: their detail (and Add payment) must not stay
            selected.set(null);
            closeDetail();
        } else if (panel.get() == Panel.DETAIL && !shownIsListed()) {
            // another page of the same search: the customer still matches; keep showing them
            payments.reload();
        }
    }

    private boolean shownIsListed() {
        Customer shown = payments.customerProperty().get();
        return shown != null && rows.stream().anyMatch(r -> r.customer().id().equals(shown.id()));
    }

    private void closeDetail() {
        if (panel.get() == Panel.DETAIL) {
            panel.set(Panel.NONE);
        }
        payments.show(null);
    }

    // ---- Commands: the side panel

    private void onSelected(CustomerSummary row) {
        if (row == null) {
            if (panel.get() == Panel.DETAIL && !keepDetail) {
                closeDetail();
            }
            return;
        }
        if (panel.get() != Panel.FORM) {
            payments.show(row.customer());
            panel.set(Panel.DETAIL);
        }
    }

    /** Ctrl+N (from any screen), or "New customer" / the empty state's "Add your first customer". */
    public void newCustomer() {
        if (explainedReadOnly("Adding a customer")) {
            return;
        }
        confirmLeave(() -> {
            notice.set("");
            form.startNew();
            panel.set(Panel.FORM);
        });
    }

    /** Enter on a row, or Edit in the detail. */
    public void editSelected() {
        CustomerSummary row = selected.get();
        if (row == null || explainedReadOnly("Editing a customer")) {
            return;
        }
        notice.set("");
        form.startEdit(row.customer());
        panel.set(Panel.FORM);
    }

    /**
     * Reading the backup: the buttons are disabled with the reason in their tooltip, and a key (Ctrl+N,
     * Enter, Delete) says the same instead of doing nothing. True when it said so.
     */
    private boolean explainedReadOnly(String what) {
        if (!shop.isReadOnly()) {
            return false;
        }
        String why = shop.readOnlyReasonProperty().get();
        dialogs.showInfo(READ_ONLY_TITLE, what + " is not possible while the console reads the MongoDB backup."
                + (why == null || why.isEmpty() ? "" : " " + why));
        return true;
    }

    /** Esc in the form, or Cancel: leaves it, asking first when it holds unsaved typing. */
    public void cancelForm() {
        confirmLeave(() -> { });
    }

    /**
     * Leaving the form (Esc, Cancel, another screen, Quit, a new customer): when it holds unsaved typing,
     * asks Save / Discard / Cancel as Shop settings does; then runs {@code proceed} (after a save, once it
     * is stored). Also the customers screen's navigation guard.
     */
    public void confirmLeave(Runnable proceed) {
        if (panel.get() != Panel.FORM || !form.isDirty()) {
            closeForm();
            proceed.run();
            return;
        }
        String what = form.isNew() ? "The new customer has not been saved." : "Your changes to this customer are not saved.";
        switch (dialogs.askUnsavedChanges(what + " Save before leaving the form?")) {
            case SAVE -> saveForm(proceed);
            case DISCARD -> {
                closeForm();
                proceed.run();
            }
            case CANCEL -> { }
        }
    }

    private void closeForm() {
        if (panel.get() != Panel.FORM) {
            return;
        }
        CustomerSummary row = selected.get();
        if (row != null) {
            payments.show(row.customer());
            panel.set(Panel.DETAIL);
        } else {
            panel.set(Panel.NONE);
        }
    }

    public void saveForm() {
        saveForm(() -> { });
    }

    /** Saves the form; {@code after} runs once the customer is stored. */
    public void saveForm(Runnable after) {
        form.save(saved -> {
            onCustomerSaved(saved);
            after.run();
        }, this::onCustomerGone);
    }

    /** Shows the saved customer, says so, and takes the list to them: their page, their row selected. */
    private void onCustomerSaved(Customer saved) {
        payments.show(saved);
        panel.set(Panel.DETAIL);
        notice.set("Saved " + saved.name() + ".");
        String text = appliedText;
        CustomerQuery where = new CustomerQuery(text, sort.get(), ascending.get(), 0, PAGE_SIZE);
        BackgroundTask.of(() -> store.customerPosition(where, saved.id()))
                .onSuccess(position -> {
                    if (position.isPresent()) {
                        selectAfterLoad = saved.id();
                        load(text, (int) (position.getAsLong() / PAGE_SIZE * PAGE_SIZE));
                    } else {
                        // not in this search: no other row may look selected while their detail shows
                        keepDetail = true;
                        try {
                            selected.set(null);
                        } finally {
                            keepDetail = false;
                        }
                        notice.set("Saved " + saved.name() + ". They do not match the search '" + text + "'.");
                        refresh();
                    }
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    selectAfterLoad = saved.id();
                    refresh();
                })
                .executeWith(executor);
    }

    private void onCustomerGone() {
        selected.set(null);
        panel.set(Panel.NONE);
        refresh();
    }

    /** Delete key, or Delete in the detail: asks first, saying how many payments go too. */
    public void deleteSelected() {
        CustomerSummary row = selected.get();
        if (row == null || explainedReadOnly("Deleting a customer")) {
            return;
        }
        deletion.delete(row.customer(), this::onCustomerGone);
    }

    /**
     * Set by HistoryConsole.install: deletes can be restored from the Recycle bin for {@code days} (0: final), and
     * {@code onDeleted} hears each customer this screen deleted, with how many payments went too (the Undo message).
     */
    public void deletesGoToTheRecycleBin(int days, java.util.function.ObjIntConsumer<Customer> onDeleted) {
        deletion.setRestorableDays(days);
        deletion.onDeleted(onDeleted);
    }

    /** Esc in the search, or its clear button: everyone again, at once. */
    public void clearSearch() {
        if (searchText.get().isEmpty() && appliedText.isEmpty()) {
            return;
        }
        clearing = true;
        try {
            searchText.set("");
        } finally {
            clearing = false;
        }
        search("");
    }

    // ---- Commands: export

    /**
     * File → Export customers CSV, or the Customers screen's Export button. With a search showing it says
     * what it would export ("Export 12 customers matching 'asha'") and offers everyone instead.
     */
    public void exportCsv() {
        export.chooseAndExport(appliedText, paging.total().get(), sort.get(), ascending.get());
    }

    /** Exports the customers of the search currently shown. */
    public void exportCsv(Path file) {
        exportCsv(file, appliedText);
    }

    /** Every customer matching {@code text} (blank: everyone), in the current order, page by page off the FX thread. */
    public void exportCsv(Path file, String text) {
        export.export(file, text, sort.get(), ascending.get());
    }
}
