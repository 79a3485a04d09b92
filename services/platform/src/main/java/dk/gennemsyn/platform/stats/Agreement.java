package dk.gennemsyn.platform.stats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Agreement between two reviewers on one question over n cases: percent agreement and Cohen's kappa with its 95 %
 * confidence interval; for ordinal scales also the weighted kappa with linear and quadratic weights. Kappa is null
 * when chance agreement is total (both reviewers used one and the same answer throughout): it is undefined there,
 * not 1.
 */
public final class Agreement {

    /** Below this many cases a kappa says little: its interval spans most of the scale. Pages say so. */
    public static final int FEW_CASES = 10;

    /**
     * {@code kappaLow}..{@code kappaHigh}: the 95 % interval of the unweighted kappa, by the large-sample standard
     * error sqrt(po(1-po) / (n(1-pe)^2)), clipped to [-1, 1]; null where kappa is.
     */
    @Serdeable
    public record Result(int cases, @Nullable Double percent, @Nullable Double kappa, @Nullable Double kappaLinear,
                         @Nullable Double kappaQuadratic, @Nullable Double kappaLow, @Nullable Double kappaHigh) {

        /** Too few cases for the kappa to mean much. */
        public boolean few() {
            return cases < FEW_CASES;
        }
    }

    public record Pair(String first, String second) {
    }

    private Agreement() {
    }

    /** Nominal answers (yes/no, compensation, free choice): percent and unweighted kappa. */
    public static Result nominal(List<Pair> pairs) {
        List<String> categories = new ArrayList<>(new LinkedHashSet<>(pairs.stream()
                .flatMap(p -> java.util.stream.Stream.of(p.first(), p.second())).toList()));
        double[][] p = table(pairs, categories);
        Double kappa = kappa(p, weights(categories.size(), 0));
        double[] ci = interval(p, kappa, pairs.size());
        return new Result(pairs.size(), percent(pairs), kappa, null, null, ci == null ? null : ci[0], ci == null ? null : ci[1]);
    }

    /** Ordinal answers on a k-step scale, given as step numbers 1..k. */
    public static Result ordinal(List<Pair> pairs, int steps) {
        List<String> categories = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            categories.add(String.valueOf(i));
        }
        double[][] p = table(pairs, categories);
        Double kappa = kappa(p, weights(steps, 0));
        double[] ci = interval(p, kappa, pairs.size());
        return new Result(pairs.size(), percent(pairs), kappa, kappa(p, weights(steps, 1)), kappa(p, weights(steps, 2)),
                ci == null ? null : ci[0], ci == null ? null : ci[1]);
    }

    /** The 95 % interval of the unweighted kappa (see {@link Result}). */
    @Nullable
    private static double[] interval(double[][] p, @Nullable Double kappa, int n) {
        if (kappa == null || n == 0) {
            return null;
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < p.length; i++) {
            double row = 0;
            double col = 0;
            for (int j = 0; j < p.length; j++) {
                row += p[i][j];
                col += p[j][i];
            }
            observed += p[i][i];
            expected += row * col;
        }
        double se = Math.sqrt(observed * (1 - observed) / (n * (1 - expected) * (1 - expected)));
        return new double[]{Math.max(-1, kappa - 1.96 * se), Math.min(1, kappa + 1.96 * se)};
    }

    private static Double percent(List<Pair> pairs) {
        if (pairs.isEmpty()) {
            return null;
        }
        return 100.0 * pairs.stream().filter(p -> p.first().equals(p.second())).count() / pairs.size();
    }

    /** Proportions: p[i][j] = share of cases the first put in category i and the second in j. */
    private static double[][] table(List<Pair> pairs, List<String> categories) {
        int k = categories.size();
        double[][] p = new double[k][k];
        for (Pair pair : pairs) {
            int i = categories.indexOf(pair.first());
            int j = categories.indexOf(pair.second());
            if (i < 0 || j < 0) {
                throw new IllegalArgumentException("answer outside the scale: " + pair);
            }
            p[i][j] += 1.0 / pairs.size();
        }
        return p;
    }

    /** power 0: identity (unweighted); 1: linear 1 - |i-j|/(k-1); 2: quadratic 1 - ((i-j)/(k-1))². */
    private static double[][] weights(int k, int power) {
        double[][] w = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                w[i][j] = power == 0 || k == 1 ? (i == j ? 1 : 0)
                        : 1 - Math.pow(Math.abs(i - j) / (double) (k - 1), power);
            }
        }
        return w;
    }

    private static Double kappa(double[][] p, double[][] w) {
        int k = p.length;
        if (k == 0) {
            return null;
        }
        double[] rows = new double[k];
        double[] cols = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rows[i] += p[i][j];
                cols[j] += p[i][j];
            }
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                observed += w[i][j] * p[i][j];
                expected += w[i][j] * rows[i] * cols[j];
            }
        }
        if (Math.abs(1 - expected) < 1e-12) {
            return null;
        }
        return (observed - expected) / (1 - expected);
    }
}
