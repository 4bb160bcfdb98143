package shoptwin.ui.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The last hour of the copy as two small charts, each with its own unit: the backlog in changes, the
 * lag in seconds, minutes or hours as its size asks (one axis for both read as "changes / seconds").
 */
final class SyncCharts extends VBox {
    private final MirrorHealthViewModel mirror;
    private final NumberAxis backlogTime = timeAxis();
    private final NumberAxis lagTime = timeAxis();
    private final NumberAxis backlogAxis = valueAxis("changes");
    private final NumberAxis lagAxis = valueAxis("lag (s)");
    private final XYChart.Series<Number, Number> backlogSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> lagSeries = new XYChart.Series<>();

    SyncCharts(MirrorHealthViewModel mirror, Label title) {
        super(6);
        this.mirror = mirror;
        backlogSeries.setName("Backlog");
        lagSeries.setName("Lag");
        LineChart<Number, Number> backlog = chart(backlogTime, backlogAxis, backlogSeries, "backlogChart");
        LineChart<Number, Number> lag = chart(lagTime, lagAxis, lagSeries, "lagChart");
        // the lag line keeps its own colour (the second series' colour in status.css)
        lag.getData().clear();
        XYChart.Series<Number, Number> spacer = new XYChart.Series<>();
        lag.getData().addAll(List.of(spacer, lagSeries));
        setId("syncChart");
        getChildren().addAll(title, backlog, lag);
        mirror.chartSamples().addListener((ListChangeListener<ChartHistory.Sample>) c -> redraw());
        redraw();
    }

    private static NumberAxis timeAxis() {
        NumberAxis a = new NumberAxis(-60, 0, 10);
        a.setLabel("minutes ago");
        a.setAutoRanging(false);
        a.setMinorTickVisible(false);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == 0 ? "now" : String.valueOf((int) Math.abs(Math.round(n.doubleValue())));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        return a;
    }

    private static NumberAxis valueAxis(String label) {
        NumberAxis a = new NumberAxis(0, 10, 2);
        a.setLabel(label);
        a.setAutoRanging(false);
        a.setMinorTickVisible(false);
        return a;
    }

    private static LineChart<Number, Number> chart(NumberAxis x, NumberAxis y, XYChart.Series<Number, Number> series, String id) {
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.getData().add(series);
        c.setId(id);
        c.setAnimated(false);
        c.setVerticalZeroLineVisible(false);
        c.setHorizontalZeroLineVisible(false);
        c.setCreateSymbols(false);
        c.setLegendVisible(false);
        c.setPrefHeight(150);
        c.setMinHeight(120);
        return c;
    }

    private void redraw() {
        List<ChartHistory.Sample> samples = mirror.chartSamples();
        Instant now = samples.isEmpty() ? Instant.now() : samples.get(samples.size() - 1).at();
        double maxBacklog = 0;
        double maxLag = 0;
        for (ChartHistory.Sample s : samples) {
            maxBacklog = Math.max(maxBacklog, s.backlog());
            maxLag = Math.max(maxLag, s.lagSeconds());
        }
        StatusFormat.LagUnit unit = StatusFormat.LagUnit.forMax(maxLag);
        var backlog = new ArrayList<XYChart.Data<Number, Number>>(samples.size());
        var lag = new ArrayList<XYChart.Data<Number, Number>>(samples.size());
        for (ChartHistory.Sample s : samples) {
            double minutesAgo = -Duration.between(s.at(), now).toMillis() / 60_000.0;
            if (minutesAgo < -60) {
                continue;
            }
            backlog.add(new XYChart.Data<>(minutesAgo, s.backlog()));
            lag.add(new XYChart.Data<>(minutesAgo, unit.of(s.lagSeconds())));
        }
        backlogSeries.getData().setAll(backlog);
        lagSeries.getData().setAll(lag);
        // show the last hour at most, but zoom in on a console opened minutes ago
        double span = samples.isEmpty() ? 0 : Duration.between(samples.get(0).at(), now).toMillis() / 60_000.0;
        int minutes = (int) Math.min(60, Math.max(5, Math.ceil(span)));
        for (NumberAxis t : List.of(backlogTime, lagTime)) {
            t.setLowerBound(-minutes);
            t.setTickUnit(minutes <= 10 ? 1 : minutes <= 30 ? 5 : 10);
        }
        scale(backlogAxis, maxBacklog);
        scale(lagAxis, unit.of(maxLag));
        lagAxis.setLabel("lag (" + unit.label() + ")");
    }

    private static void scale(NumberAxis axis, double max) {
        double upper = StatusFormat.niceCeiling(max * 1.1);
        axis.setUpperBound(upper);
        axis.setTickUnit(upper / 5);
    }
}
