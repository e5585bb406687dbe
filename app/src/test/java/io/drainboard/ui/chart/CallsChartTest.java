package io.drainboard.ui.chart;

import io.drainboard.ui.model.CallsHistory;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A new 15-second bucket moves the chart's values in place; other lines get new series (and legend). */
@ExtendWith(ApplicationExtension.class)
class CallsChartTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    private CallsChart chart;

    @Start
    void start(Stage stage) {
        chart = new CallsChart();
        stage.setScene(new Scene((javafx.scene.Parent) chart.node(), 400, 300));
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNewBucketMovesTheValuesOfTheSameSeries(FxRobot robot) {
        CallsHistory h = new CallsHistory();
        Instant t = T0;
        for (int i = 0; i < CallsHistory.BUCKETS; i++, t = t.plus(CallsHistory.BUCKET)) h.record("svc:a", t, i % 7);
        Instant full = t.minus(CallsHistory.BUCKET);
        List<CallsChart.Line> lines = List.of(new CallsChart.Line("agent", "svc:a"));
        LineChart<Number, Number> line = robot.lookup("#callsChart").queryAs(LineChart.class);
        robot.interact(() -> chart.show("prod", lines, h, full));
        XYChart.Series<Number, Number> drawn = line.getData().get(0);
        XYChart.Data<Number, Number> first = drawn.getData().get(0);
        assertEquals(CallsHistory.BUCKETS, drawn.getData().size());

        Instant next = full.plus(CallsHistory.BUCKET);
        h.record("svc:a", next, 42);
        robot.interact(() -> chart.show("prod", lines, h, next));
        assertSame(drawn, line.getData().get(0), "same line, same series");
        assertSame(first, drawn.getData().get(0), "same minutes, same points: only the values moved");
        assertEquals(42, drawn.getData().get(CallsHistory.BUCKETS - 1).getYValue().intValue(), "the newest bucket");
        assertEquals(1, drawn.getData().get(0).getYValue().intValue(), "an hour ago is now the second bucket recorded");

        robot.interact(() -> chart.show("prod", List.of(new CallsChart.Line("other", "svc:b")), h,
                next.plus(Duration.ofSeconds(1))));
        assertNotSame(drawn, line.getData().get(0), "another line is another series");
        assertEquals("other", line.getData().get(0).getName());
    }
}
