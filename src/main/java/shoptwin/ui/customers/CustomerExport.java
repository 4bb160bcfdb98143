package shoptwin.ui.customers;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import shoptwin.domain.Customer;
import shoptwin.store.CustomerQuery;
import shoptwin.store.CustomerSort;
import shoptwin.store.CustomerSummary;
import shoptwin.store.Page;
import shoptwin.store.ShopStore;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.Csv;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.FileChoices;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.ShopFormat;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * The customer list's CSV export: what it exports said first during a search ("Export 12 customers
 * matching 'asha'", or everyone), page by page in the background, in the list's order.
 */
final class CustomerExport {
    /** Export reads this many customers per round trip. */
    static final int PAGE = CustomerQuery.MAX_LIMIT;

    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;
    private final FileChoices files;
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(false);

    CustomerExport(ShopStore store, UiExecutor executor, DialogService dialogs, ShopContext shop, FileChoices files) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        this.files = Objects.requireNonNull(files);
    }

    ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** Asks what to export while a search shows ({@code matches} customers match {@code text}), then where. */
    void chooseAndExport(String text, long matches, CustomerSort by, boolean ascending) {
        ShopFormat f = shop.format();
        String searched = "";
        if (!text.isEmpty()) {
            String matching = "Export " + f.count(matches) + (matches == 1 ? " customer" : " customers") + " matching '" + text + "'";
            Optional<Integer> choice = dialogs.chooseOne("Export customers",
                    "The list shows the customers matching '" + text + "'. Export those, or every customer?",
                    List.of(matching, "Export all customers"));
            if (choice.isEmpty()) {
                return;
            }
            searched = choice.get() == 0 ? text : "";
        }
        String chosenText = searched;
        files.save(chosenText.isEmpty() ? "Export all customers" : "Export customers matching '" + chosenText + "'",
                "customers.csv", DialogService.FileKind.CSV).ifPresent(file -> export(file, chosenText, by, ascending));
    }

    /** Every customer matching {@code text} (blank: everyone), in the given order, page by page off the FX thread. */
    void export(Path file, String text, CustomerSort by, boolean asc) {
        ShopFormat f = shop.format();
        exporting.set(true);
        BackgroundTask.of(() -> {
            long written = 0;
            try (Csv out = Csv.create(file)) {
                out.row("name", "phone", "email", "address", "notes", "payments", "total_paid",
                        "currency", "last_payment_at", "created_at");
                int at = 0;
                while (true) { // page by page: the whole list never sits in memory
                    Page<CustomerSummary> page = store.searchCustomers(new CustomerQuery(text, by, asc, at, PAGE));
                    for (CustomerSummary s : page.items()) {
                        Customer c = s.customer();
                        out.row(c.name(), c.phone(), c.email(), c.address(), c.notes(), s.paymentCount(),
                                s.totalPaid() == null ? new BigDecimal("0.00") : s.totalPaid(),
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
