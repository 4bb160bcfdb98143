package shoptwin.ui.takings;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import shoptwin.domain.PaymentMethod;
import shoptwin.domain.ValidationException;
import shoptwin.report.Takings;
import shoptwin.report.TakingsPeriod;
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
 * Daily takings: a range (today, this week, this month, or custom days), and per day of the shop (its
 * time zone) the total by payment method, in the shop's currency; export to CSV. Reads whichever store
 * the console reads, the MongoDB backup included.
 */
public final class TakingsViewModel {
    public enum Range { TODAY, THIS_WEEK, THIS_MONTH, CUSTOM }

    private final ShopStore store;
    private final UiExecutor executor;
    private final DialogService dialogs;
    private final ShopContext shop;
    private final FileChoices files;
    private final Clock clock;

    // ---- Properties
    private final ReadOnlyObjectWrapper<Range> range = new ReadOnlyObjectWrapper<>(Range.THIS_WEEK);
    private final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Takings> takings = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Takings.Day> days = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper methodTotals = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private long seq;

    public TakingsViewModel(ShopStore store, UiExecutor executor, DialogService dialogs, ShopContext shop, FileChoices files,
                            Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.shop = Objects.requireNonNull(shop);
        this.files = Objects.requireNonNull(files);
        this.clock = Objects.requireNonNull(clock);
        // the shop's zone decides what "today" is; a new zone or currency redraws
        shop.formatProperty().addListener((obs, old, now) -> load());
    }

    public ReadOnlyObjectProperty<Range> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    public ObjectProperty<LocalDate> customFromProperty() {
        return customFrom;
    }

    public ObjectProperty<LocalDate> customToProperty() {
        return customTo;
    }

    public ReadOnlyObjectProperty<Takings> takingsProperty() {
        return takings.getReadOnlyProperty();
    }

    /** One row per day of the range, quiet days included. */
    public ObservableList<Takings.Day> days() {
        return FXCollections.unmodifiableObservableList(days);
    }

    /** "₹12,345.50 from 42 payments, 1–7 Nov 2026 (Asia/Kolkata)". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "Cash ₹1,200.00 (8) · Card ... ": the period's total per method. */
    public ReadOnlyStringProperty methodTotalsProperty() {
        return methodTotals.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ShopFormat format() {
        return shop.format();
    }

    public ShopContext shop() {
        return shop;
    }

    // ---- Commands

    public void show(Range r) {
        range.set(Objects.requireNonNull(r));
        if (r == Range.CUSTOM && (customFrom.get() == null || customTo.get() == null)) {
            TakingsPeriod month = TakingsPeriod.thisMonth(clock, zone());
            customFrom.set(month.from());
            customTo.set(month.to());
        }
        load();
    }

    /** The custom days were edited: show them. */
    public void showCustom() {
        show(Range.CUSTOM);
    }

    private ZoneId zone() {
        return shop.format().zone();
    }

    TakingsPeriod period() {
        ZoneId zone = zone();
        return switch (range.get()) {
            case TODAY -> TakingsPeriod.today(clock, zone);
            case THIS_WEEK -> TakingsPeriod.thisWeek(clock, zone);
            case THIS_MONTH -> TakingsPeriod.thisMonth(clock, zone);
            case CUSTOM -> new TakingsPeriod(customFrom.get(), customTo.get());
        };
    }

    public void load() {
        TakingsPeriod p;
        try {
            p = period();
        } catch (ValidationException e) {
            error.set(e.errors().get(0).message());
            return;
        }
        ZoneId zone = zone();
        if (range.get() != Range.CUSTOM) { // the day pickers show the days shown, ready to be adjusted
            customFrom.set(p.from());
            customTo.set(p.to());
        }
        long mine = ++seq;
        loading.set(true);
        BackgroundTask.of(() -> Takings.read(store, p, zone))
                .onSuccess(t -> {
                    if (mine == seq) {
                        error.set("");
                        takings.set(t);
                        days.setAll(t.days());
                        summary.set(summaryOf(t));
                        methodTotals.set(methodTotalsOf(t));
                    }
                })
                .onFailure(f -> {
                    if (mine == seq) {
                        UiErrors.logIfUnexpected(f);
                        error.set("Could not read the takings. " + UiErrors.userMessage(f));
                    }
                })
                .onFinally(() -> {
                    if (mine == seq) {
                        loading.set(false);
                    }
                })
                .executeWith(executor);
    }

    String summaryOf(Takings t) {
        ShopFormat f = shop.format();
        long n = t.total().count();
        TakingsPeriod p = t.period();
        String days = p.from().equals(p.to()) ? f.day(p.from()) : f.day(p.from()) + " – " + f.day(p.to());
        return f.money(t.total().total()) + " from " + f.count(n) + (n == 1 ? " payment" : " payments") + ", " + days
                + " (" + t.zone().getId() + ")";
    }

    String methodTotalsOf(Takings t) {
        ShopFormat f = shop.format();
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (PaymentMethod m : PaymentMethod.values()) {
            Takings.MethodTotal mt = t.method(m);
            parts.add(m.label() + " " + f.money(mt.total()) + " (" + f.count(mt.count()) + ")");
        }
        return String.join("  ·  ", parts);
    }

    /** The shown days as CSV: one row per day, count and total per method, exact amounts. */
    public void exportCsv() {
        Takings t = takings.get();
        if (t == null) {
            return;
        }
        files.save("Export takings", "takings-" + t.period().from() + "-to-" + t.period().to() + ".csv",
                DialogService.FileKind.CSV).ifPresent(file -> exportCsv(file, t));
    }

    public void exportCsv(Path file, Takings t) {
        String currency = shop.format().currency();
        BackgroundTask.of(() -> {
            try (Csv out = Csv.create(file)) {
                java.util.List<Object> header = new java.util.ArrayList<>(java.util.List.of("date", "currency"));
                for (PaymentMethod m : PaymentMethod.values()) {
                    header.add(m.code() + "_count");
                    header.add(m.code() + "_total");
                }
                header.add("count");
                header.add("total");
                out.row(header.toArray());
                for (Takings.Day d : t.days()) {
                    java.util.List<Object> row = new java.util.ArrayList<>(java.util.List.of(d.date().toString(), currency));
                    for (PaymentMethod m : PaymentMethod.values()) {
                        row.add(d.method(m).count());
                        row.add(d.method(m).total());
                    }
                    row.add(d.total().count());
                    row.add(d.total().total());
                    out.row(row.toArray());
                }
            }
            return t.days().size();
        })
                .onSuccess(n -> dialogs.showInfo("Takings exported", "Wrote " + n + (n == 1 ? " day" : " days")
                        + " of takings to " + FileChoices.where(file) + "."))
                .onFailure(f -> {
                    UiErrors.logIfUnexpected(f);
                    dialogs.showError("Export failed", UiErrors.userMessage(f));
                })
                .executeWith(executor);
    }

    /** A method's share of a day, for the chart (exact; the chart draws it). */
    public static BigDecimal amount(Takings.Day d, PaymentMethod m) {
        return d.method(m).total();
    }
}
