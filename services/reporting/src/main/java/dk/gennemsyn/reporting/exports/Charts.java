package dk.gennemsyn.reporting.exports;

import dk.gennemsyn.reporting.reports.Reports;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The review summary's bar charts (JFreeChart), as PNG: for the pages, the PDF status note and the slides. */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public record Chart(String title, byte[] png) {
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 420;
    private static final Color BRAND = new Color(0x1f, 0x5f, 0x8b);

    private Charts() {
    }

    /** One chart per closed question, then compliance per legal rule, compensation cost and findings by severity. */
    public static List<Chart> of(Reports.Summary s) {
        List<Chart> out = new ArrayList<>();
        for (Reports.QuestionSummary q : s.questions()) {
            DefaultCategoryDataset d = new DefaultCategoryDataset();
            q.answers().forEach(a -> d.addValue(a.count(), "Sager", a.label()));
            out.add(new Chart(q.question().text(), png(q.question().text(), "Antal sager", d, false)));
        }
        if (!s.rules().isEmpty()) {
            DefaultCategoryDataset d = new DefaultCategoryDataset();
            s.rules().stream().filter(r -> r.rate() != null).forEach(r -> d.addValue(r.rate() * 100, "Opfyldt", r.title()));
            out.add(new Chart("Lovkrav opfyldt (andel af vurderede sager)", png("Lovkrav opfyldt", "Procent", d, true)));
        }
        if (!s.compensation().isEmpty()) {
            DefaultCategoryDataset d = new DefaultCategoryDataset();
            s.compensation().forEach(c -> d.addValue(c.yearlyCostKr() / 1_000_000.0, "Mio. kr. pr. år", c.label()));
            out.add(new Chart("Årlig udgift efter kompensation", png("Årlig udgift efter kompensation", "Mio. kr. pr. år", d, false)));
        }
        DefaultCategoryDataset sev = new DefaultCategoryDataset();
        s.severities().forEach((k, v) -> sev.addValue(v, "Fund", Reports.SEVERITIES.getOrDefault(k, k)));
        out.add(new Chart("Fund efter alvor", png("Fund efter alvor", "Antal fund", sev, false)));
        return out;
    }

    static byte[] png(String title, String axis, DefaultCategoryDataset data, boolean percent) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd9, 0xde, 0xe6));
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setSeriesPaint(0, BRAND);
        r.setShadowVisible(false);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.forLanguageTag("da-DK")));
        if (percent) {
            range.setRange(0, 100);
        } else if (axis.startsWith("Antal")) {
            range.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.createUpRotationLabelPositions(Math.PI / 12));
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
