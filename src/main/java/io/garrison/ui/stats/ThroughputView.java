package io.garrison.ui.stats;

import io.garrison.ui.i18n.I18n;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Two small charts side by side: tasks per second, and the percentage of workers busy. */
public final class ThroughputView extends HBox {

    public ThroughputView(ThroughputModel model) {
        super(8);
        getStyleClass().add("throughput-view");
        LineChart<Number, Number> rate = chart(new LineChart<>(axis("ui.chart.seconds"), axis("ui.chart.rate")));
        XYChart.Series<Number, Number> rateSeries = new XYChart.Series<>(model.ratePoints());
        rateSeries.nameProperty().bind(I18n.text("ui.chart.rate"));
        rate.getData().add(rateSeries);
        rate.titleProperty().bind(I18n.text("ui.chart.rate.title"));

        NumberAxis percent = axis("ui.chart.utilisation");
        percent.setAutoRanging(false);
        percent.setLowerBound(0);
        percent.setUpperBound(100);
        percent.setTickUnit(25);
        AreaChart<Number, Number> busy = chart(new AreaChart<>(axis("ui.chart.seconds"), percent));
        XYChart.Series<Number, Number> busySeries = new XYChart.Series<>(model.utilisationPoints());
        busySeries.nameProperty().bind(I18n.text("ui.chart.utilisation"));
        busy.getData().add(busySeries);
        busy.titleProperty().bind(I18n.text("ui.chart.utilisation.title"));
        getChildren().addAll(rate, busy);
    }

    private static NumberAxis axis(String key) {
        NumberAxis axis = new NumberAxis();
        axis.labelProperty().bind(I18n.text(key));
        axis.setForceZeroInRange(true);
        return axis;
    }

    private static <C extends XYChart<Number, Number>> C chart(C chart) {
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        if (chart instanceof LineChart<?, ?> line) {
            line.setCreateSymbols(false);
        } else if (chart instanceof AreaChart<?, ?> area) {
            area.setCreateSymbols(false);
        }
        HBox.setHgrow(chart, Priority.ALWAYS);
        return chart;
    }
}
