package shoptwin.ui.recyclebin;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.DeletedRow;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.history.HistoryRefusedException;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.ShopFormat;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * The recycle bin: customers and payments deleted within the history's retention and not restored since, newest
 * first, with who deleted them and when. Restore brings a customer back with their original id and the payments they
 * had when deleted (or one payment), as a normal write to Supabase: on the backup it waits for Supabase.
 */
public final class RecycleBinViewModel {
    static final int LIMIT = 500;

    /** One line of the bin. */
    public record Entry(DeletedRow row, String what, String customer, String deletedBy, String when, String with) {
        public boolean isCustomer() {
            return row.delete().table() == MirrorTable.CUSTOMERS;
        }
    }

    private final HistoryActions actions;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;
    private final int days;
    private final Clock clock;

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper restoring = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private Runnable onRestored = () -> { };
    /** Deletes restored from here: out of the list at once, though the history shows the restore only once mirrored. */
    private final java.util.Set<String> restored = new java.util.HashSet<>();

    /** @param days the history's retention (SHOPTWIN_HISTORY_DAYS): deletes older than that are gone from the backup */
    public RecycleBinViewModel(HistoryActions actions, UiExecutor executor, DialogService dialogs, ShopContext shop, int days, Clock clock) {
        this.actions = Objects.requireNonNull(actions);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        this.days = days;
        this.clock = Objects.requireNonNull(clock);
    }

    public ObservableList<Entry> entries() {
        return FXCollections.unmodifiableObservableList(entries);
    }

    public ObjectProperty<Entry> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty restoringProperty() {
        return restoring.getReadOnlyProperty();
    }

    /** "3 customers and 2 payments deleted in the last 90 days". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ShopContext shop() {
        return shop;
    }

    /** Called after a restore wrote (the customers list is stale then). */
    public void setOnRestored(Runnable onRestored) {
        this.onRestored = Objects.requireNonNull(onRestored);
    }

    public void load() {
        loading.set(true);
        ShopFormat f = shop.format();
        Instant since = clock.instant().minus(Duration.ofDays(days));
        BackgroundTask.of(() -> actions.history().recycleBin(since, LIMIT).stream().map(r -> entry(r, f)).toList())
                .onSuccess(read -> {
                    List<Entry> list = read.stream().filter(x -> !restored.contains(x.row().delete().key())).toList();
                    entries.setAll(list);
                    error.set("");
                    long customers = list.stream().filter(Entry::isCustomer).count();
                    long payments = list.size() - customers;
                    summary.set(list.isEmpty() ? "Nothing deleted in the last " + days + " days."
                            : count(customers, "customer") + " and " + count(payments, "payment") + " deleted in the last " + days
                                    + " days (the backup keeps them that long).");
                })
                .onFailure(t -> {
                    UiErrors.logIfUnexpected(t);
                    error.set("Could not read the recycle bin. " + UiErrors.userMessage(t));
                })
                .onFinally(() -> loading.set(false))
                .executeWith(executor);
    }

    /** Restore: the selected customer (with their payments) or payment, with its original id. */
    public void restoreSelected() {
        Entry e = selected.get();
        if (e == null || shop.isReadOnly() || restoring.get()) {
            return;
        }
        restoring.set(true);
        message.set("");
        BackgroundTask.of(() -> actions.undelete(e.row().delete().table(), e.row().delete().rowId()).describe())
                .onSuccess(done -> {
                    restored.add(e.row().delete().key());
                    entries.remove(e);
                    message.set(done);
                    onRestored.run();
                    load();
                })
                .onFailure(t -> {
                    Throwable x = UiErrors.unwrap(t);
                    if (x instanceof HistoryRefusedException) {
                        dialogs.showInfo("Cannot restore", x.getMessage());
                    } else {
                        UiErrors.logIfUnexpected(x);
                        dialogs.showError("Could not restore", UiErrors.userMessage(x));
                    }
                })
                .onFinally(() -> restoring.set(false))
                .executeWith(executor);
    }

    static Entry entry(DeletedRow r, ShopFormat f) {
        var d = r.delete();
        boolean customer = d.table() == MirrorTable.CUSTOMERS;
        String what = customer ? String.valueOf(d.field("name") == null ? "(name unknown)" : d.field("name"))
                : "Payment of " + (d.field("amount") instanceof BigDecimal b ? f.money(b) : "(amount unknown)")
                        + (d.field("paid_at") instanceof Instant paid ? " on " + f.date(paid) : "");
        String of = customer ? "" : r.customerName() == null ? "" : r.customerName();
        int n = r.deletedWith().size();
        String with = customer ? (n == 0 ? "no payments" : n == 1 ? "1 payment" : f.count(n) + " payments") : "";
        return new Entry(r, what, of, d.actor().label(), f.dateTime(d.changedAt()), with);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    List<Entry> snapshot() {
        return List.copyOf(entries);
    }
}
