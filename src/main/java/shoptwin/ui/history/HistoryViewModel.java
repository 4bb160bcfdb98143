package shoptwin.ui.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.domain.Customer;
import shoptwin.domain.PaymentMethod;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.history.ChangeKind;
import shoptwin.store.history.FieldChange;
import shoptwin.store.history.HistoryActions;
import shoptwin.store.history.HistoryRefusedException;
import shoptwin.store.history.RowVersion;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.ShopFormat;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * A customer's History tab: every change of the customer and of their payments, newest first, each with who made
 * it, when, and what changed field by field (old → new); Undo this change and Restore this version. Read from the
 * backup's history (also while the console reads the backup); the two actions write to Supabase, so they wait for it
 * (the view disables them with the reason, as every edit is).
 */
public final class HistoryViewModel {
    /** How many changes the tab shows at most (the newest). */
    static final int LIMIT = 500;

    /** One line of the timeline. {@code latest}: the newest version of its row (restoring it would change nothing). */
    public record Entry(RowVersion version, String when, String who, String title, List<String> details, boolean latest) {
        public boolean isPayment() {
            return version.table() == MirrorTable.PAYMENTS;
        }
    }

    private final HistoryActions actions;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;

    // ---- Properties
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<Entry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRestore = new ReadOnlyBooleanWrapper(false);
    private Customer customer;
    private boolean active;
    private long requestSeq;
    private Runnable onChanged = () -> { };

    public HistoryViewModel(HistoryActions actions, UiExecutor executor, DialogService dialogs, ShopContext shop) {
        this.actions = Objects.requireNonNull(actions);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        selected.addListener((obs, old, now) -> {
            canUndo.set(now != null && now.version().kind() != ChangeKind.SNAPSHOT);
            canRestore.set(now != null && !now.version().isDelete() && !now.latest());
        });
        shop.formatProperty().addListener((obs, old, now) -> reload());
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

    /** An undo or restore is running. */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** "12 changes of Asha Rao and their payments". */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** What the last action did ("Undone: ..."), or why the list is empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A change is selected that can be undone (not a starting point). */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** A version is selected that differs from the row now (not a delete, not the latest). */
    public ReadOnlyBooleanProperty canRestoreProperty() {
        return canRestore.getReadOnlyProperty();
    }

    public ShopContext shop() {
        return shop;
    }

    /** Called after an undo or restore wrote (the customers list and the detail are stale then). */
    public void setOnChanged(Runnable onChanged) {
        this.onChanged = Objects.requireNonNull(onChanged);
    }

    // ---- Commands

    /** The customer whose history to show (the one selected on the Customers screen); null clears it. */
    public void show(Customer c) {
        boolean same = customer != null && c != null && customer.id().equals(c.id());
        customer = c;
        if (!same) {
            entries.clear();
            message.set("");
            error.set("");
            heading.set(c == null ? "" : "History of " + c.name());
        }
        if (c != null && active) {
            reload();
        }
    }

    /** The tab is showing (reads only then: on mongo-java-server each read scans the history). */
    public void setActive(boolean active) {
        this.active = active;
        if (active) {
            reload();
        }
    }

    public void reload() {
        Customer c = customer;
        if (c == null || !active) {
            return;
        }
        long seq = ++requestSeq;
        loading.set(true);
        ShopFormat f = shop.format();
        BackgroundTask.of(() -> timeline(actions.history().customerTimeline(c.id(), LIMIT), f))
                .onSuccess(list -> {
                    if (seq == requestSeq) {
                        String keep = selected.get() == null ? null : selected.get().version().key();
                        entries.setAll(list);
                        selected.set(list.stream().filter(x -> x.version().key().equals(keep)).findFirst().orElse(null));
                        error.set("");
                        heading.set(list.isEmpty() ? "History of " + c.name() : c.name() + ": " + f.count(list.size())
                                + (list.size() == 1 ? " change" : " changes") + (list.size() >= LIMIT ? " (the newest " + LIMIT + ")" : ""));
                        if (list.isEmpty()) {
                            message.set("The backup has no recorded change of " + c.name() + " yet (it records every change"
                                    + " from now on; a resync records each customer as they are).");
                        }
                    }
                })
                .onFailure(t -> {
                    if (seq == requestSeq) {
                        UiErrors.logIfUnexpected(t);
                        error.set("Could not read the history. " + UiErrors.userMessage(t));
                    }
                })
                .onFinally(() -> {
                    if (seq == requestSeq) {
                        loading.set(false);
                    }
                })
                .executeWith(executor);
    }

    /** Undo this change: just the fields it touched (a delete: bring it back; a creation: delete again). */
    public void undoSelected() {
        Entry e = selected.get();
        if (e == null || shop.isReadOnly() || working.get()) {
            return;
        }
        if (e.version().kind() == ChangeKind.INSERT && !dialogs.confirmDanger("Undo this change",
                "Undo creating this " + noun(e) + "? It is deleted again (and stays in the recycle bin).", "Undo")) {
            return;
        }
        run(() -> actions.undo(e.version()), "Cannot undo this change");
    }

    /** Restore this version: every field of the row as in that version. */
    public void restoreSelected() {
        Entry e = selected.get();
        if (e == null || shop.isReadOnly() || working.get()) {
            return;
        }
        if (!dialogs.confirmDanger("Restore this version", "Set the " + noun(e) + " back to how it was on " + e.when()
                + "? Every field changed since goes back; you can undo this too.", "Restore this version")) {
            return;
        }
        run(() -> actions.restoreVersion(e.version()), "Cannot restore this version");
    }

    private void run(java.util.concurrent.Callable<String> action, String refusedTitle) {
        working.set(true);
        message.set("");
        BackgroundTask.of(action)
                .onSuccess(done -> {
                    message.set(done);
                    onChanged.run();
                    reload();
                })
                .onFailure(t -> {
                    Throwable x = UiErrors.unwrap(t);
                    if (x instanceof HistoryRefusedException) {
                        dialogs.showInfo(refusedTitle, x.getMessage());
                    } else {
                        UiErrors.logIfUnexpected(x);
                        dialogs.showError(refusedTitle, UiErrors.userMessage(x));
                    }
                })
                .onFinally(() -> working.set(false))
                .executeWith(executor);
    }

    // ---- the timeline, worked out off the FX thread

    /** Newest first; each change with what it changed against the previous version of the same row. */
    static List<Entry> timeline(List<RowVersion> newestFirst, ShopFormat f) {
        Map<String, RowVersion> newer = new HashMap<>(); // per row, the version after the one being looked at
        List<RowVersion> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        Map<String, RowVersion> previous = new HashMap<>();
        Map<String, List<FieldChange>> changes = new HashMap<>();
        for (RowVersion v : oldestFirst) {
            String row = v.table() + ":" + v.rowId();
            RowVersion before = previous.put(row, v);
            changes.put(v.key(), before == null || v.kind() != ChangeKind.UPDATE ? List.of() : FieldChange.between(before.fields(), v.fields()));
        }
        List<Entry> out = new ArrayList<>(newestFirst.size());
        for (RowVersion v : newestFirst) {
            String row = v.table() + ":" + v.rowId();
            boolean latest = !newer.containsKey(row);
            newer.put(row, v);
            out.add(new Entry(v, f.dateTime(v.changedAt()), v.actor().label(), title(v, f), details(v, changes.get(v.key()), f), latest));
        }
        return out;
    }

    static String title(RowVersion v, ShopFormat f) {
        if (v.kind() == ChangeKind.SNAPSHOT) {
            return (v.table() == MirrorTable.PAYMENTS ? "Payment " + amount(v, f) : "Customer") + " as the backup first recorded it";
        }
        String what = v.table() == MirrorTable.PAYMENTS ? "Payment " + amount(v, f) : "Customer";
        String verb = switch (v.kind()) {
            case INSERT -> v.table() == MirrorTable.PAYMENTS ? "added" : "created";
            case UPDATE -> "changed";
            case DELETE -> "deleted";
            case SNAPSHOT -> "recorded";
        };
        return what + " " + verb;
    }

    private static String amount(RowVersion v, ShopFormat f) {
        return v.field("amount") instanceof BigDecimal b ? f.money(b) : "";
    }

    static List<String> details(RowVersion v, List<FieldChange> changes, ShopFormat f) {
        List<String> out = new ArrayList<>();
        if (v.kind() == ChangeKind.UPDATE) {
            for (FieldChange c : changes) {
                out.add(label(c.field()) + ": " + value(c.field(), c.before(), f) + " → " + value(c.field(), c.after(), f));
            }
            if (changes.isEmpty()) {
                out.add("(no field a person edits changed)");
            }
        } else if (v.kind() != ChangeKind.DELETE) {
            for (String field : v.table() == MirrorTable.PAYMENTS ? List.of("method", "paid_at", "reference", "note")
                    : List.of("name", "phone", "email", "address", "notes")) {
                if (v.field(field) != null) {
                    out.add(label(field) + ": " + value(field, v.field(field), f));
                }
            }
        }
        return out;
    }

    static String label(String field) {
        String l = field.replace('_', ' ');
        return Character.toUpperCase(l.charAt(0)) + l.substring(1);
    }

    static String value(String field, Object v, ShopFormat f) {
        if (v == null || (v instanceof String s && s.isEmpty())) {
            return "(empty)";
        }
        if (v instanceof BigDecimal b && field.equals("amount")) {
            return f.money(b);
        }
        if (v instanceof Instant i) {
            return f.dateTime(i);
        }
        if (field.equals("method") && v instanceof String code) {
            return PaymentMethod.fromCode(code).map(PaymentMethod::label).orElse(code);
        }
        return String.valueOf(v);
    }

    private static String noun(Entry e) {
        return e.isPayment() ? "payment" : "customer";
    }
}
