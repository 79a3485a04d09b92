package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.recommendations.plans.Plans;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An indicator's curve as an inline SVG draws it: the baseline, then every measurement in order, against a dashed
 * target line. Points are spaced evenly (imports come irregularly); each is labelled with its date and value.
 */
public record Curve(int width, int height, List<Point> points, String polyline, int targetY, String targetLabel,
                    String summary) {

    public record Point(int x, int y, String date, String value, boolean fromScreening) {
    }

    private static final int LEFT = 40;
    private static final int TOP = 12;

    /** Null when there is nothing to draw: no indicator, or nothing measured yet. */
    @Nullable
    public static Curve of(Plans.Action a, int width, int height) {
        if (!a.hasIndicator() || a.measurements().isEmpty()) {
            return null;
        }
        DanishFormat f = DanishFormat.INSTANCE;
        List<BigDecimal> values = new ArrayList<>();
        values.add(a.baseline());
        a.measurements().forEach(m -> values.add(m.value()));
        double lo = Math.min(a.target().doubleValue(), values.stream().mapToDouble(BigDecimal::doubleValue).min().orElseThrow());
        double hi = Math.max(a.target().doubleValue(), values.stream().mapToDouble(BigDecimal::doubleValue).max().orElseThrow());
        double pad = Math.max(1, (hi - lo) * 0.1);
        lo -= pad;
        hi += pad;
        int plotW = width - LEFT - 12;
        int plotH = height - TOP - 24;
        int n = values.size();
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            int y = y(values.get(i).doubleValue(), lo, hi, plotH);
            String date = i == 0 ? "Udgangspunkt" : f.date(a.measurements().get(i - 1).measuredOn());
            boolean screened = i > 0 && a.measurements().get(i - 1).fromScreening();
            points.add(new Point(x, y, date, f.decimal(values.get(i)) + " " + a.unit(), screened));
        }
        String line = points.stream().map(p -> p.x() + "," + p.y()).collect(Collectors.joining(" "));
        String summary = a.indicator() + ": fra " + f.decimal(a.baseline()) + " til " + f.decimal(a.latest().value())
                + " " + a.unit() + " over " + a.measurements().size() + " målinger; målet er " + f.decimal(a.target())
                + " " + a.unit() + ".";
        return new Curve(width, height, points, line, y(a.target().doubleValue(), lo, hi, plotH),
                "Mål " + f.decimal(a.target()) + " " + a.unit(), summary);
    }

    private static int y(double v, double lo, double hi, int plotH) {
        return TOP + (int) Math.round((hi - v) / (hi - lo) * plotH);
    }
}
