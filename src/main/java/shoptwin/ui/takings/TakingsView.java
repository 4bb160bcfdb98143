package shoptwin.ui.takings;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import shoptwin.domain.PaymentMethod;
import shoptwin.report.Takings;

/** The Takings screen: the range, the day-by-day chart stacked by payment method, and the table. */
public final class TakingsView extends BorderPane {
    private final TakingsViewModel vm;
    private final ToggleGroup ranges = new ToggleGroup();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Label summary = new Label();
    private final Label methodTotals = new Label();
    private final Label error = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Button export = new Button("Export CSV…", new FontIcon(Feather.DOWNLOAD));
    private final CategoryAxis days = new CategoryAxis();
    private final NumberAxis amounts = new NumberAxis();
    private final StackedBarChart<String, Number> chart = new StackedBarChart<>(days, amounts);
    private final TableView<Takings.Day> table = new TableView<>();

    public TakingsView(TakingsViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setId("takingsScreen");
        getStyleClass().add("screen");
        Label title = new Label("Takings");
        title.getStyleClass().add(Styles.TITLE_3);
        HBox presets = new HBox(range("Today", TakingsViewModel.Range.TODAY, "takingsToday"),
                range("This week", TakingsViewModel.Range.THIS_WEEK, "takingsWeek"),
                range("This month", TakingsViewModel.Range.THIS_MONTH, "takingsMonth"),
                range("Custom", TakingsViewModel.Range.CUSTOM, "takingsCustom"));
        presets.getStyleClass().add("segmented");
        from.setId("takingsFrom");
        to.setId("takingsTo");
        from.setPrefWidth(160);
        to.setPrefWidth(160);
        from.setConverter(new shoptwin.ui.payments.PaymentsView.DayConverter());
        to.setConverter(new shoptwin.ui.payments.PaymentsView.DayConverter());
        busy.setMaxSize(18, 18);
        busy.setPrefSize(18, 18);
        export.setId("exportTakings");
        HBox toolbar = new HBox(12, title, presets, from, new Label("to"), to, busy, new Spacer(), export);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new javafx.geometry.Insets(0, 0, 12, 0));

        summary.setId("takingsSummary");
        summary.getStyleClass().add(Styles.TITLE_4);
        error.setId("takingsError");
        error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(error.visibleProperty());
        methodTotals.setId("takingsByMethod");
        methodTotals.getStyleClass().add("muted");
        setTop(new VBox(4, toolbar, summary, methodTotals, error));

        chart.setId("takingsChart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setCategoryGap(12);
        chart.setMinHeight(220);
        amounts.setLabel("Takings");
        amounts.setForceZeroInRange(true);

        table.setId("takingsTable");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Day", d -> vm.format().day(d.date())));
        for (PaymentMethod m : PaymentMethod.values()) {
            TableColumn<Takings.Day, String> c = column(m.label(), d -> d.method(m).count() == 0 ? "–"
                    : vm.format().money(d.method(m).total()) + "  (" + d.method(m).count() + ")");
            c.getStyleClass().add("text-right");
            table.getColumns().add(c);
        }
        TableColumn<Takings.Day, String> total = column("Total", d -> vm.format().money(d.total().total()));
        total.getStyleClass().addAll("text-right", Styles.TEXT_BOLD);
        table.getColumns().add(total);
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setPlaceholder(new Label("No days to show."));

        VBox body = new VBox(12, chart, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(chart, Priority.SOMETIMES);
        setCenter(body);
    }

    private ToggleButton range(String text, TakingsViewModel.Range r, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setUserData(r);
        b.setToggleGroup(ranges);
        return b;
    }

    private void initListeners() {
        ranges.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one range is always chosen
            } else if (now.getUserData() != vm.rangeProperty().get()) {
                vm.show((TakingsViewModel.Range) now.getUserData());
            }
        });
        vm.rangeProperty().addListener((obs, old, now) -> selectRange(now));
        selectRange(vm.rangeProperty().get());
        from.valueProperty().bindBidirectional(vm.customFromProperty());
        to.valueProperty().bindBidirectional(vm.customToProperty());
        from.setOnAction(e -> vm.showCustom());
        to.setOnAction(e -> vm.showCustom());
        from.disableProperty().bind(vm.rangeProperty().isNotEqualTo(TakingsViewModel.Range.CUSTOM));
        to.disableProperty().bind(vm.rangeProperty().isNotEqualTo(TakingsViewModel.Range.CUSTOM));
        summary.textProperty().bind(vm.summaryProperty());
        methodTotals.textProperty().bind(vm.methodTotalsProperty());
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        busy.visibleProperty().bind(vm.loadingProperty());
        export.disableProperty().bind(vm.takingsProperty().isNull());
        export.setOnAction(e -> vm.exportCsv());
        table.setItems(vm.days());
        vm.takingsProperty().addListener((obs, old, now) -> drawChart(now));
        vm.shop().formatProperty().addListener((obs, old, now) -> table.refresh());
    }

    private void selectRange(TakingsViewModel.Range r) {
        for (javafx.scene.control.Toggle t : ranges.getToggles()) {
            if (t.getUserData() == r && !t.isSelected()) {
                t.setSelected(true);
            }
        }
    }

    /** One series per method, stacked per day. The bars are drawn from the exact amounts (the chart needs a number). */
    private void drawChart(Takings t) {
        chart.getData().clear();
        if (t == null) {
            return;
        }
        amounts.setLabel("Takings (" + vm.format().currency() + ")");
        // StackedBarChart's own auto-ranging misses the stacked height after the series are replaced: the
        // axis is sized from the days' totals instead
        java.math.BigDecimal max = t.days().stream().map(d -> d.total().total()).max(java.math.BigDecimal::compareTo)
                .orElse(java.math.BigDecimal.ZERO);
        double top = niceCeiling(max.doubleValue());
        amounts.setAutoRanging(false);
        amounts.setLowerBound(0);
        amounts.setUpperBound(top);
        amounts.setTickUnit(top / 5);
        for (PaymentMethod m : PaymentMethod.values()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(m.label());
            for (Takings.Day d : t.days()) {
                series.getData().add(new XYChart.Data<>(vm.format().day(d.date()), TakingsViewModel.amount(d, m)));
            }
            chart.getData().add(series);
        }
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code v} (and at least 10). */
    static double niceCeiling(double v) {
        if (v <= 10) {
            return 10;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= v * 1.05) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static TableColumn<Takings.Day, String> column(String title, Function<Takings.Day, String> text) {
        TableColumn<Takings.Day, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setReorderable(false);
        c.setMinWidth(90);
        return c;
    }
}
