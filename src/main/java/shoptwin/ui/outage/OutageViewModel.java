package shoptwin.ui.outage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.domain.PaymentMethod;
import shoptwin.status.OutageChange;
import shoptwin.status.OutageChanges;
import shoptwin.store.copy.MirrorTable;
import shoptwin.store.journal.JournalEntry;
import shoptwin.store.journal.JournalEntry.FieldConflict;
import shoptwin.store.journal.JournalEntry.Op;
import shoptwin.store.journal.JournalEntry.State;
import shoptwin.ui.common.BackgroundTask;
import shoptwin.ui.common.DialogService;
import shoptwin.ui.common.ShopContext;
import shoptwin.ui.common.ShopFormat;
import shoptwin.ui.common.UiErrors;
import shoptwin.ui.common.UiExecutor;

/**
 * "Changes made during the outage": every change made on the backup, with its state, who made it and when;
 * for a conflict, per field, what it was before, what was typed on the backup and what Supabase has now; and
 * the decisions: <b>Keep mine</b>, <b>Keep Supabase's</b>, <b>Recreate the customer</b>. Changes that need a
 * decision come first.
 */
public final class OutageViewModel {
    /** Which changes the list shows. */
    public enum Show {
        ALL("All changes"), DECIDE("Need a decision"), WAITING("Waiting for Supabase"), DONE("In Supabase or closed");

        private final String label;

        Show(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One line of the list. */
    public record Row(String id, String state, String what, String customer, String madeBy, String madeAt, String reason,
                      boolean needsDecision, OutageChange change) {
    }

    /** One field of the selected change: before, typed on the backup, and Supabase's now. */
    public record FieldRow(String field, String before, String mine, String supabase, boolean conflict) {
    }

    private static final String COULD_NOT_READ = "Could not read the changes: ";

    private final OutageChanges changes;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;
    private Runnable onChanged = () -> { };
    private List<OutageChange> all = List.of();

    // ---- Properties
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<FieldRow> fields = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Row> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Show> show = new ReadOnlyObjectWrapper<>(Show.ALL);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canKeepMine = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canKeepTheirs = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRecreate = new ReadOnlyBooleanWrapper(false);

    public OutageViewModel(OutageChanges changes, UiExecutor executor, DialogService dialogs, ShopContext shop) {
        this.changes = Objects.requireNonNull(changes);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        busy.addListener((obs, old, now) -> updateDecisions()); // the buttons come back when the work is done
    }

    /** Runs after a decision or a replay (the banner and the lists read again). */
    public void setOnChanged(Runnable onChanged) {
        this.onChanged = Objects.requireNonNull(onChanged);
    }

    // ---- Commands

    public void load() {
        busy.set(true);
        BackgroundTask.of(changes::list)
                .onSuccess(list -> {
                    all = list;
                    if (message.get().startsWith(COULD_NOT_READ)) {
                        message.set(""); // what a decision or a replay said stays
                    }
                    render();
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    message.set(COULD_NOT_READ + UiErrors.userMessage(f));
                })
                .onFinally(() -> busy.set(false))
                .executeWith(executor);
    }

    public void show(Show what) {
        show.set(Objects.requireNonNull(what));
        render();
    }

    public void select(Row row) {
        selected.set(row);
        fields.clear();
        detail.set("");
        updateDecisions();
        if (row == null) {
            return;
        }
        OutageChange c = row.change();
        if (c.entry() == null) {
            detail.set("This entry does not follow the journal's format: " + c.malformedReason()
                    + ". It was not applied. Keep Supabase's closes it.");
            return;
        }
        fields.setAll(fieldRows(c));
        detail.set(row.reason());
    }

    private void updateDecisions() {
        Row row = selected.get();
        boolean decide = row != null && !busy.get();
        canKeepMine.set(decide && row.change().canKeepMine());
        canKeepTheirs.set(decide && row.change().canKeepTheirs());
        canRecreate.set(decide && row.change().canRecreateCustomer());
    }

    /** Keep mine: the value typed on the backup goes over Supabase's. */
    public void keepMine() {
        decide("Keep mine", changes::keepMine, "Your value is in Supabase now.");
    }

    /** Keep Supabase's: nothing is written, the change is closed. */
    public void keepTheirs() {
        decide("Keep Supabase's", changes::keepTheirs, "Closed: Supabase's version stays.");
    }

    /** The payment's customer comes back as last seen, then the payment. */
    public void recreateCustomer() {
        decide("Recreate the customer", changes::recreateCustomer, "The customer and the payment are in Supabase now.");
    }

    /** Sends what waits to Supabase now. */
    public void replayNow() {
        busy.set(true);
        message.set("Sending the changes to Supabase…");
        BackgroundTask.of(changes::replayNow)
                .onSuccess(r -> {
                    message.set(r.total() == 0 ? "Nothing was waiting." : "Sent: " + r + ".");
                    onChanged.run();
                    load();
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    message.set(UiErrors.userMessage(f));
                })
                .onFinally(() -> busy.set(false))
                .executeWith(executor);
    }

    private interface Decision {
        void apply(String id) throws Exception;
    }

    private void decide(String what, Decision decision, String done) {
        Row row = selected.get();
        if (row == null || busy.get()) {
            return;
        }
        busy.set(true);
        canKeepMine.set(false);
        canKeepTheirs.set(false);
        canRecreate.set(false);
        BackgroundTask.run(() -> decision.apply(row.id()))
                .onSuccess(v -> {
                    message.set(done);
                    onChanged.run();
                    load();
                })
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    dialogs.showError(what, UiErrors.userMessage(f));
                    message.set(UiErrors.userMessage(f));
                    load();
                })
                .onFinally(() -> busy.set(false))
                .executeWith(executor);
    }

    // ---- what the list says

    private void render() {
        String keep = selected.get() == null ? null : selected.get().id();
        List<OutageChange> sorted = new ArrayList<>(all);
        // decisions first, then what waits, then the record; each newest first
        sorted.sort(Comparator.comparingInt((OutageChange c) -> c.needsDecision() ? 0 : c.state() == State.PENDING ? 1 : 2)
                .thenComparing(c -> c.entry() == null ? Instant.MAX : c.entry().madeAt(), Comparator.reverseOrder()));
        List<Row> out = new ArrayList<>();
        long pending = 0;
        long decide = 0;
        long done = 0;
        for (OutageChange c : sorted) {
            if (c.needsDecision()) {
                decide++;
            } else if (c.state() == State.PENDING) {
                pending++;
            } else {
                done++;
            }
            if (shows(c)) {
                out.add(row(c));
            }
        }
        rows.setAll(out);
        summary.set(pending + " waiting for Supabase · " + decide + (decide == 1 ? " needs" : " need") + " a decision · "
                + done + " in Supabase or closed");
        select(out.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(out.isEmpty() ? null : out.get(0)));
    }

    private boolean shows(OutageChange c) {
        return switch (show.get()) {
            case ALL -> true;
            case DECIDE -> c.needsDecision();
            case WAITING -> c.state() == State.PENDING;
            case DONE -> !c.needsDecision() && c.state() != State.PENDING;
        };
    }

    private Row row(OutageChange c) {
        JournalEntry e = c.entry();
        ShopFormat f = shop.format();
        if (e == null) {
            return new Row(c.id(), "Invalid: needs a decision", "Not in the journal's format", "", "", "", c.malformedReason(), true, c);
        }
        return new Row(c.id(), stateText(e), what(e, f), c.customerName() == null ? "" : c.customerName(), e.madeBy(),
                f.dateTime(e.madeAt()), reasonText(e), c.needsDecision(), c);
    }

    static String stateText(JournalEntry e) {
        if (e.resolvedAt() != null) {
            return switch (String.valueOf(e.resolution())) {
                case "mine" -> "Kept yours";
                case "recreated_customer" -> "Customer recreated";
                default -> "Kept Supabase's";
            };
        }
        return switch (e.state()) {
            case PENDING -> "Waiting for Supabase";
            case APPLIED -> "In Supabase";
            case CONFLICT -> "Conflict: needs a decision";
            case INVALID -> "Invalid: needs a decision";
        };
    }

    static String what(JournalEntry e, ShopFormat f) {
        if (e.table() == MirrorTable.CUSTOMERS) {
            return switch (e.op()) {
                case INSERT -> "New customer";
                case UPDATE -> "Customer edited: " + labels(e.fields().keySet());
                case DELETE -> "Customer deleted";
            };
        }
        Object amount = e.op() == Op.DELETE ? e.before().get("amount") : e.fields().getOrDefault("amount", e.before().get("amount"));
        String money = amount instanceof BigDecimal b ? " of " + f.money(b) : "";
        return switch (e.op()) {
            case INSERT -> "New payment" + money;
            case UPDATE -> "Payment edited: " + labels(e.fields().keySet());
            case DELETE -> "Payment deleted" + money;
        };
    }

    private String reasonText(JournalEntry e) {
        if (e.resolvedAt() != null) {
            return stateText(e) + ", by " + e.resolvedBy() + " at " + shop.format().dateTime(e.resolvedAt()) + "."
                    + (e.reason() == null ? "" : " " + e.reason());
        }
        return switch (e.state()) {
            case PENDING -> "Made on the backup; it will be sent to Supabase when it answers.";
            case APPLIED -> "In Supabase since " + (e.appliedAt() == null ? "the replay" : shop.format().dateTime(e.appliedAt())) + ".";
            case CONFLICT, INVALID -> e.reason() == null ? "" : e.reason();
        };
    }

    private List<FieldRow> fieldRows(OutageChange c) {
        JournalEntry e = c.entry();
        ShopFormat f = shop.format();
        List<FieldRow> out = new ArrayList<>();
        Map<String, Object> now = c.supabaseNow();
        Set<String> conflicting = new LinkedHashSet<>();
        for (FieldConflict k : e.conflicts()) {
            conflicting.add(k.field());
        }
        Set<String> names = new LinkedHashSet<>(e.fields().keySet());
        names.addAll(e.before().keySet());
        boolean showSupabase = e.state() == State.CONFLICT;
        for (String name : names) {
            Object supabase = null;
            if (showSupabase) {
                supabase = now != null ? now.get(name) : e.conflicts().stream().filter(k -> k.field().equals(name))
                        .map(FieldConflict::supabase).findFirst().orElse(null);
            }
            String before = e.op() == Op.INSERT ? "" : value(e.before().get(name), name, f);
            String mine = e.op() == Op.DELETE ? "(deleted)" : value(e.fields().get(name), name, f);
            String theirs = !showSupabase ? "" : now == null && c.supabaseNow() == null && "row_gone".equals(e.reasonCode())
                    ? "(deleted)" : value(supabase, name, f);
            out.add(new FieldRow(label(name), before, mine, theirs, conflicting.contains(name)));
        }
        return out;
    }

    static String value(Object v, String field, ShopFormat f) {
        if (v == null) {
            return "—";
        }
        if (v instanceof BigDecimal b) {
            return f.money(b);
        }
        if (v instanceof Instant i) {
            return f.dateTime(i);
        }
        if (field.equals("method")) {
            return PaymentMethod.fromCode(v.toString()).map(PaymentMethod::label).orElse(v.toString());
        }
        return v.toString();
    }

    static String label(String field) {
        return switch (field) {
            case "customer_id" -> "Customer";
            case "paid_at" -> "Paid at";
            default -> Character.toUpperCase(field.charAt(0)) + field.substring(1).replace('_', ' ');
        };
    }

    private static String labels(java.util.Collection<String> fields) {
        return String.join(", ", fields.stream().map(OutageViewModel::label).map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList());
    }

    // ---- Properties

    public ObservableList<Row> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ObservableList<FieldRow> fields() {
        return FXCollections.unmodifiableObservableList(fields);
    }

    public ReadOnlyObjectProperty<Row> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Show> showProperty() {
        return show.getReadOnlyProperty();
    }

    /** "7 waiting for Supabase · 1 needs a decision · 12 in Supabase or closed". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the last command did, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The selected change's reason or state, in a sentence. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canKeepMineProperty() {
        return canKeepMine.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canKeepTheirsProperty() {
        return canKeepTheirs.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRecreateProperty() {
        return canRecreate.getReadOnlyProperty();
    }

    public ShopFormat format() {
        return shop.format();
    }
}
