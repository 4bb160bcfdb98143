package shoptwin.ui.customers;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
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
import shoptwin.store.NotFoundException;
import shoptwin.store.Page;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.Csv;
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
    /** Export reads this many customers per round trip. */
    static final int EXPORT_PAGE = CustomerQuery.MAX_LIMIT;

    public enum EmptyState { NONE, NO_CUSTOMERS, NO_MATCH }

    public enum Panel { NONE, DETAIL, FORM }

    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final Debouncer debouncer;
    private final ShopContext shop;
    private final CustomerFormViewModel form;
    private final PaymentsViewModel payments;
    private final FileChoices files;

    // ---- Properties
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ObservableList<CustomerSummary> rows = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(0);
    private final ReadOnlyIntegerWrapper offset = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<CustomerSort> sort = new ReadOnlyObjectWrapper<>(CustomerSort.NAME);
    private final ReadOnlyBooleanWrapper ascending = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper searchPending = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<EmptyState> emptyState = new ReadOnlyObjectWrapper<>(EmptyState.NONE);
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Panel> panel = new ReadOnlyObjectWrapper<>(Panel.NONE);
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<CustomerSummary> selected = new SimpleObjectProperty<>();
    /** The search text the shown rows were fetched with (the typed one may be newer). */
    private String appliedText = "";
    private long requestSeq;
    private UUID selectAfterLoad;
    private java.util.function.ObjIntConsumer<Customer> onDeleted = (c, payments) -> { };

    public CustomersViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, Debouncer debouncer, ShopContext shop) {
        this(store, executor, dialogs, debouncer, shop, FileChoices.inMemory(dialogs));
    }

    /** @param files where exports are saved: the last folder used, remembered between runs */
    public CustomersViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, Debouncer debouncer, ShopContext shop,
            FileChoices files) {
        this.files = Objects.requireNonNull(files);
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.debouncer = Objects.requireNonNull(debouncer);
        this.shop = Objects.requireNonNull(shop);
        this.form = new CustomerFormViewModel(store, executor, dialogs);
        this.payments = new PaymentsViewModel(store, executor, dialogs, shop, files);
        payments.setOnChanged(this::refresh);
        searchText.addListener((obs, old, now) -> {
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
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty offsetProperty() {
        return offset.getReadOnlyProperty();
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
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EmptyState> emptyStateProperty() {
        return emptyState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Panel> panelProperty() {
        return panel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
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
        load(appliedText, offset.get());
    }

    /** Runs the search now (the debouncer calls this once typing paused). */
    public void search(String text) {
        searchPending.set(false);
        load(text == null ? "" : text.strip(), 0);
    }

    public void nextPage() {
        if (hasNext.get()) {
            load(appliedText, offset.get() + PAGE_SIZE);
        }
    }

    public void previousPage() {
        if (hasPrevious.get()) {
            load(appliedText, Math.max(0, offset.get() - PAGE_SIZE));
        }
    }

    public void firstPage() {
        load(appliedText, 0);
    }

    public void lastPage() {
        long t = total.get();
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
        appliedText = text;
        error.set("");
        UUID keep = selectAfterLoad != null ? selectAfterLoad
                : selected.get() == null ? null : selected.get().customer().id();
        selectAfterLoad = null;
        rows.setAll(page.items());
        total.set(page.total());
        offset.set(page.offset());
        hasPrevious.set(page.offset() > 0);
        hasNext.set(page.hasNext());
        pageText.set(pageText(page.offset(), page.items().size(), page.total()));
        if (page.total() == 0) {
            emptyState.set(text.isEmpty() ? EmptyState.NO_CUSTOMERS : EmptyState.NO_MATCH);
            emptyText.set(text.isEmpty() ? "No customers yet." : "No customers match '" + text + "'.");
        } else {
            emptyState.set(EmptyState.NONE);
            emptyText.set("");
        }
        CustomerSummary again = keep == null ? null
                : rows.stream().filter(r -> r.customer().id().equals(keep)).findFirst().orElse(null);
        if (again != null) {
            selected.set(again);
        } else if (panel.get() == Panel.DETAIL && selected.get() != null
                && rows.stream().noneMatch(r -> r.customer().id().equals(selected.get().customer().id()))) {
            // the selected customer is not on this page any more; keep showing its detail
            payments.reload();
        }
    }

    public String pageText(int from, int count, long of) {
        ShopFormat f = shop.format();
        if (of == 0) {
            return "No customers";
        }
        if (count == 0) {
            return "0 of " + f.count(of);
        }
        return f.count(from + 1L) + "–" + f.count((long) from + count) + " of " + f.count(of);
    }

    // ---- Commands: the side panel

    private void onSelected(CustomerSummary row) {
        if (row == null) {
            if (panel.get() == Panel.DETAIL) {
                panel.set(Panel.NONE);
                payments.show(null);
            }
            return;
        }
        if (panel.get() != Panel.FORM) {
            payments.show(row.customer());
            panel.set(Panel.DETAIL);
        }
    }

    /** Ctrl+N, or the empty state's "Add your first customer". */
    public void newCustomer() {
        if (shop.isReadOnly()) {
            return; // reading the backup: the buttons are disabled, this stops the keys too
        }
        form.startNew();
        panel.set(Panel.FORM);
    }

    /** Enter on a row, or Edit in the detail. */
    public void editSelected() {
        if (shop.isReadOnly()) {
            return; // reading the backup: the buttons are disabled, this stops the keys too
        }
        CustomerSummary row = selected.get();
        if (row == null) {
            return;
        }
        form.startEdit(row.customer());
        panel.set(Panel.FORM);
    }

    /** Esc in the form. */
    public void cancelForm() {
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
        form.save(this::onCustomerSaved, this::onCustomerGone);
    }

    private void onCustomerSaved(Customer saved) {
        payments.show(saved);
        panel.set(Panel.DETAIL);
        selectAfterLoad = saved.id();
        refresh();
    }

    private void onCustomerGone() {
        selected.set(null);
        panel.set(Panel.NONE);
        refresh();
    }

    /** Hears each customer this screen deleted, with how many payments went too (the Undo message). */
    public void setOnCustomerDeleted(java.util.function.ObjIntConsumer<Customer> onDeleted) {
        this.onDeleted = java.util.Objects.requireNonNull(onDeleted);
    }

    /** Delete key, or Delete in the detail: asks first, saying how many payments go too. */
    public void deleteSelected() {
        if (shop.isReadOnly()) {
            return; // reading the backup: the buttons are disabled, this stops the keys too
        }
        CustomerSummary row = selected.get();
        if (row == null) {
            return;
        }
        Customer c = row.customer();
        BackgroundTask.of(() -> store.countPayments(c.id()))
                .onSuccess(count -> {
                    if (dialogs.confirmDanger("Delete customer", deleteConfirmationText(c.name(), count), "Delete customer")) {
                        delete(c, count);
                    }
                })
                .onFailure(f -> reportDeleteFailure(UiErrors.unwrap(f)))
                .executeWith(executor);
    }

    private void delete(Customer c, int payments) {
        BackgroundTask.of(() -> store.deleteCustomer(c.id()))
                .onSuccess(done -> {
                    onCustomerGone();
                    onDeleted.accept(c, payments);
                })
                .onFailure(f -> reportDeleteFailure(UiErrors.unwrap(f)))
                .executeWith(executor);
    }

    private void reportDeleteFailure(Throwable t) {
        if (t instanceof NotFoundException) {
            dialogs.showInfo("Customer already gone", UiErrors.userMessage(t));
            onCustomerGone();
        } else {
            UiErrors.logIfUnexpected(t);
            dialogs.showError("Could not delete the customer", UiErrors.userMessage(t));
        }
    }

    public static String deleteConfirmationText(String name, int payments) {
        String what = switch (payments) {
            case 0 -> "They have no payments.";
            case 1 -> "Their 1 payment will be deleted with them.";
            default -> "Their " + payments + " payments will be deleted with them.";
        };
        return "Delete " + name + "? " + what + " This cannot be undone.";
    }

    // ---- Commands: export

    /**
     * File → Export customers CSV, or the Customers screen's Export button. With a search showing it says
     * what it would export ("Export 12 customers matching 'asha'") and offers everyone instead.
     */
    public void exportCsv() {
        String text = appliedText;
        ShopFormat f = shop.format();
        String searched = "";
        if (!text.isEmpty()) {
            long n = total.get();
            String matching = "Export " + f.count(n) + (n == 1 ? " customer" : " customers") + " matching '" + text + "'";
            java.util.Optional<Integer> choice = dialogs.chooseOne("Export customers",
                    "The list shows the customers matching '" + text + "'. Export those, or every customer?",
                    List.of(matching, "Export all customers"));
            if (choice.isEmpty()) {
                return;
            }
            searched = choice.get() == 0 ? text : "";
        }
        String chosenText = searched;
        files.save(chosenText.isEmpty() ? "Export all customers" : "Export customers matching '" + chosenText + "'",
                "customers.csv", DialogService.FileKind.CSV).ifPresent(file -> exportCsv(file, chosenText));
    }

    /** Exports the customers of the search currently shown. */
    public void exportCsv(Path file) {
        exportCsv(file, appliedText);
    }

    /** Every customer matching {@code text} (blank: everyone), in the current order, page by page off the FX thread. */
    public void exportCsv(Path file, String text) {
        CustomerSort by = sort.get();
        boolean asc = ascending.get();
        ShopFormat f = shop.format();
        exporting.set(true);
        BackgroundTask.of(() -> {
            long written = 0;
            try (Csv out = Csv.create(file)) {
                out.row("name", "phone", "email", "address", "notes", "payments", "total_paid",
                        "currency", "last_payment_at", "created_at");
                int at = 0;
                while (true) { // page by page: the whole list never sits in memory
                    Page<CustomerSummary> page = store.searchCustomers(new CustomerQuery(text, by, asc, at, EXPORT_PAGE));
                    for (CustomerSummary s : page.items()) {
                        Customer c = s.customer();
                        out.row(c.name(), c.phone(), c.email(), c.address(), c.notes(), s.paymentCount(),
                                s.totalPaid() == null ? new java.math.BigDecimal("0.00") : s.totalPaid(),
                                f.currency(), f.isoDateTime(s.lastPaymentAt()), f.isoDateTime(c.createdAt()));
                        written++;
                    }
                    if (!page.hasNext() || page.items().isEmpty()) {
                        break;
                    }
                    at += page.items().size();
                }
            }
            return written;
        })
                .onSuccess(n -> dialogs.showInfo("Customers exported",
                        "Wrote " + f.count(n) + (n == 1 ? " customer" : " customers")
                                + (text.isEmpty() ? "" : " matching '" + text + "'") + " to " + FileChoices.where(file) + "."))
                .onFailure(t -> {
                    UiErrors.logIfUnexpected(t);
                    dialogs.showError("Export failed", UiErrors.userMessage(t));
                })
                .onFinally(() -> exporting.set(false))
                .executeWith(executor);
    }
}
