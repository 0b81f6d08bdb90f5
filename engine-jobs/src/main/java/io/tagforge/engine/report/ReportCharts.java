package io.tagforge.engine.report;

import io.tagforge.engine.report.DatasetReport.RuleRow;
import io.tagforge.engine.report.DatasetReport.TagChange;
import io.tagforge.engine.report.DatasetReport.TagFrequency;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn server-side with JFreeChart into SVG text (JFreeSVG): the same markup goes inline into
 * the HTML file and the dashboard, so neither needs a chart library in the browser. Each SVG's id is its key.
 */
public final class ReportCharts {

    // two side by side beside the UI's menu on a 1400-pixel screen
    static final int WIDTH = 540;
    static final int HEIGHT = 330;
    private static final DecimalFormat COUNT = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    private static final StandardChartTheme THEME = theme();
    private static final Color BAR = new Color(0x3A6EA5);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    // the stages' names, short enough for a category axis
    private static final List<String> STAGE_LABELS = List.of("parsed (original)", "+ model tags",
            "+ parsed (generated)", "after cleaning", "after review");

    private ReportCharts() {
    }

    /** The charts of a report by id, in the order the report shows them. */
    public static Map<String, String> render(DatasetReport report) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put("chart-stages", stages(report));
        charts.put("chart-frequency", frequency(report));
        charts.put("chart-flags", flags(report));
        charts.put("chart-kinds", kinds(report));
        charts.put("chart-gained", changes("Top tags gained by generation", "tags gained (image–tag pairs)",
                "gained by generation", report.gainedByGeneration(), TagChange::change));
        charts.put("chart-lost", changes("Top tags lost by cleaning", "tags flagged (image–tag pairs)",
                "lost by cleaning", report.lostByCleaning(), c -> -c.change()));
        charts.put("chart-progress", progress(report));
        Map<String, String> svg = new LinkedHashMap<>();
        charts.forEach((id, chart) -> svg.put(id, svg(chart, id)));
        return svg;
    }

    private static JFreeChart stages(DatasetReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < report.stages().size(); i++) {
            data.addValue(report.stages().get(i).tags(), "tags (image–tag pairs)", STAGE_LABELS.get(i));
        }
        JFreeChart chart = themed(ChartFactory.createBarChart("Tags after each stage", "stage", "tags (image–tag pairs)",
                data, PlotOrientation.VERTICAL, false, false, false));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        labelBars(plot);
        return chart;
    }

    private static JFreeChart frequency(DatasetReport report) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries in = new XYSeries(report.release() == null ? "tags" : "in release " + report.release());
        XYSeries out = new XYSeries("not in the release");
        List<TagFrequency> tags = report.frequencies();
        int lastStep = -1;
        for (int rank = 1; rank <= tags.size(); rank++) {
            // a few hundred points draw the curve: one per 1/100 of a decade of rank (the tail of 4585 tags
            // would otherwise be thousands of overlapping marks in the SVG)
            int step = (int) Math.floor(100 * Math.log10(rank));
            if (step == lastStep && rank != tags.size()) {
                continue;
            }
            lastStep = step;
            TagFrequency t = tags.get(rank - 1);
            (report.release() == null || t.inRelease() ? in : out).add(rank, t.images());
        }
        data.addSeries(in);
        if (report.release() != null) {
            data.addSeries(out);
        }
        JFreeChart chart = themed(ChartFactory.createScatterPlot("Tag frequency (log–log)", "tag rank",
                "images with the tag", data, PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.setNoDataMessage("No tags yet");
        plot.setDomainAxis(logAxis("tag rank"));
        plot.setRangeAxis(logAxis("images with the tag (after review)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesShape(0, new Rectangle2D.Double(-1.5, -1.5, 3, 3));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-1.5, -1.5, 3, 3));
        plot.setRenderer(renderer);
        Long minimum = report.releaseMinimum();
        if (minimum != null) {
            ValueMarker marker = new ValueMarker(minimum, Color.DARK_GRAY, new BasicStroke(1f));
            marker.setLabel("rarest release tag: " + COUNT.format(minimum) + (minimum == 1 ? " image" : " images"));
            marker.setLabelFont(THEME.getRegularFont());
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(marker);
        }
        return chart;
    }

    private static JFreeChart flags(DatasetReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (RuleRow rule : report.rules()) {
            data.addValue(rule.rejected(), "rejected", rule.rule().name());
            data.addValue(rule.accepted(), "accepted", rule.rule().name());
            data.addValue(rule.pending(), "not reviewed yet", rule.rule().name());
        }
        JFreeChart chart = themed(ChartFactory.createStackedBarChart("Flags by rule and review outcome", "flag rule",
                "flagged tags (image–tag pairs)", data, PlotOrientation.VERTICAL, true, false, false));
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, new Color(0xC0392B));
        renderer.setSeriesPaint(1, new Color(0x27AE60));
        renderer.setSeriesPaint(2, new Color(0xBDC3C7));
        integerAxis(plot);
        return chart;
    }

    private static JFreeChart kinds(DatasetReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        report.kinds().forEach(k -> data.addValue(k.tags(), "distinct tags", k.kind().name()));
        JFreeChart chart = themed(ChartFactory.createBarChart("Tags by kind (after review)", "kind", "distinct tags",
                data, PlotOrientation.VERTICAL, false, false, false));
        labelBars(chart.getCategoryPlot());
        return chart;
    }

    private static JFreeChart changes(String title, String axis, String series, List<TagChange> changes,
                                      ToLongFunction<TagChange> value) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        changes.forEach(c -> data.addValue(value.applyAsLong(c), series, c.tag()));
        JFreeChart chart = themed(ChartFactory.createBarChart(title, "tag", axis, data, PlotOrientation.HORIZONTAL,
                false, false, false));
        chart.getCategoryPlot().setNoDataMessage("No tag changed");
        labelBars(chart.getCategoryPlot());
        return chart;
    }

    private static JFreeChart progress(DatasetReport report) {
        Map<String, TreeMap<LocalDate, Long>> byUser = new TreeMap<>();
        report.progress().forEach(d -> byUser.computeIfAbsent(d.user(), u -> new TreeMap<>()).merge(d.day(), d.pairs(),
                Long::sum));
        TimeSeriesCollection data = new TimeSeriesCollection(UTC);
        byUser.forEach((user, days) -> {
            TimeSeries series = new TimeSeries(user);
            long total = 0;
            for (Map.Entry<LocalDate, Long> day : days.entrySet()) {
                total += day.getValue();
                LocalDate d = day.getKey();
                series.add(new Day(Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant()), UTC, Locale.ROOT), total);
            }
            data.addSeries(series);
        });
        JFreeChart chart = themed(ChartFactory.createTimeSeriesChart("Review progress per annotator", "day (UTC)",
                "tags decided (cumulative)", data, true, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.setNoDataMessage("No review decisions yet");
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        DateAxis days = (DateAxis) plot.getDomainAxis();
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
        day.setTimeZone(UTC);
        days.setDateFormatOverride(day);
        ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setNumberFormatOverride(COUNT);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setLabelFont(THEME.getLargeFont());
        axis.setTickLabelFont(THEME.getRegularFont());
        return axis;
    }

    private static void labelBars(CategoryPlot plot) {
        plot.setNoDataMessage("Nothing to show yet");
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, BAR);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", COUNT));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(THEME.getRegularFont());
        integerAxis(plot);
        // room above the tallest bar for its label
        plot.getRangeAxis().setUpperMargin(0.15);
        if (plot.getOrientation() == PlotOrientation.VERTICAL) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        }
    }

    private static void integerAxis(CategoryPlot plot) {
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setNumberFormatOverride(COUNT);
    }

    private static JFreeChart themed(JFreeChart chart) {
        THEME.apply(chart);
        return chart;
    }

    private static String svg(JFreeChart chart, String id) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement(id);
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font("SansSerif", Font.BOLD, 16));
        theme.setLargeFont(new Font("SansSerif", Font.BOLD, 13));
        theme.setRegularFont(new Font("SansSerif", Font.PLAIN, 11));
        theme.setSmallFont(new Font("SansSerif", Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDDDDDD));
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }
}
