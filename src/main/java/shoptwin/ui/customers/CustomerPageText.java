package shoptwin.ui.customers;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import shoptwin.store.CustomerSummary;
import shoptwin.store.Page;
import shoptwin.ui.common.ShopFormat;

/** What the list says about the page it shows: "1–50 of 10,234", whether there is a page before and after, the empty state. */
final class CustomerPageText {
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(0);
    private final ReadOnlyIntegerWrapper offset = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<CustomersViewModel.EmptyState> emptyState =
            new ReadOnlyObjectWrapper<>(CustomersViewModel.EmptyState.NONE);
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");

    /** The page of the search {@code text} now shown. */
    void show(String text, Page<CustomerSummary> page, ShopFormat f) {
        total.set(page.total());
        offset.set(page.offset());
        hasPrevious.set(page.offset() > 0);
        hasNext.set(page.hasNext());
        pageText.set(range(page.offset(), page.items().size(), page.total(), f));
        if (page.total() == 0) {
            emptyState.set(text.isEmpty() ? CustomersViewModel.EmptyState.NO_CUSTOMERS : CustomersViewModel.EmptyState.NO_MATCH);
            emptyText.set(text.isEmpty() ? "No customers yet." : "No customers match '" + text + "'.");
        } else {
            emptyState.set(CustomersViewModel.EmptyState.NONE);
            emptyText.set("");
        }
    }

    static String range(int from, int count, long of, ShopFormat f) {
        if (of == 0) {
            return "No customers";
        }
        if (count == 0) {
            return "0 of " + f.count(of);
        }
        return f.count(from + 1L) + "–" + f.count((long) from + count) + " of " + f.count(of);
    }

    ReadOnlyLongProperty total() {
        return total.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty offset() {
        return offset.getReadOnlyProperty();
    }

    ReadOnlyStringProperty pageText() {
        return pageText.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty hasPrevious() {
        return hasPrevious.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty hasNext() {
        return hasNext.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<CustomersViewModel.EmptyState> emptyState() {
        return emptyState.getReadOnlyProperty();
    }

    ReadOnlyStringProperty emptyText() {
        return emptyText.getReadOnlyProperty();
    }
}
