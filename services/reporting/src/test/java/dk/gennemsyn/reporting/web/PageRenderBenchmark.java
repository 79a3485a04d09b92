package dk.gennemsyn.reporting.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.platform.web.LayoutModel;
import dk.gennemsyn.platform.web.OgnlCaches;
import dk.gennemsyn.reporting.reports.Reports;
import ognl.MemberAccess;
import ognl.OgnlRuntime;
import ognl.enhance.ExpressionCompiler;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How long the overview page (25 cases, 7 questions: the API benchmark's review) takes to render, with and without
 * {@link OgnlCaches}, the two alternating in one JVM (docs/benchmarks.md, "Pages"). Only the template: the model is
 * built once, by {@link ReportPages#overviewModel} and as the layout adds to it. No servers.
 * {@code rounds=15 renders=500}: each round times that many renders of each variant; the spread is over rounds.
 */
public final class PageRenderBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = dk.gennemsyn.testsupport.BenchmarkArgs.parse(args);
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "15"));
        int renders = Integer.parseInt(opts.getOrDefault("renders", "500"));

        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("views/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        Map<String, Object> model = overviewModel();

        Field memberAccess = Class.forName("org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator")
                .getDeclaredField("MEMBER_ACCESS");
        memberAccess.setAccessible(true);
        Constructor<?> thymeleafs = Class.forName(
                "org.thymeleaf.standard.expression.OGNLVariableExpressionEvaluator$ThymeleafACLMemberAccess")
                .getDeclaredConstructor();
        thymeleafs.setAccessible(true);
        Map<String, Runnable> variants = new LinkedHashMap<>();
        variants.put("Thymeleaf as shipped", () -> {
            OgnlRuntime.setCompiler(new ExpressionCompiler());
            try {
                memberAccess.set(null, (MemberAccess) thymeleafs.newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        variants.put("with OgnlCaches", () -> {
            if (!OgnlCaches.install()) {
                throw new IllegalStateException("OgnlCaches did not install");
            }
        });

        String expected = null;
        for (Map.Entry<String, Runnable> v : variants.entrySet()) { // warm-up, and both must give the same page
            v.getValue().run();
            String page = "";
            for (int i = 0; i < 3000; i++) {
                page = render(engine, model);
            }
            if (expected != null && !expected.equals(page)) {
                throw new IllegalStateException("The variants render different pages");
            }
            expected = page;
        }
        System.out.printf("pages: the overview page, %d characters; %d rounds of %d renders per variant%n",
                expected.length(), rounds, renders);
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Runnable> v : variants.entrySet()) {
                v.getValue().run();
                long t0 = System.nanoTime();
                for (int i = 0; i < renders; i++) {
                    render(engine, model);
                }
                micros.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e3 / renders);
            }
        }
        List<Double> ratios = new ArrayList<>();
        List<Double> before = micros.get("Thymeleaf as shipped");
        List<Double> after = micros.get("with OgnlCaches");
        for (int r = 0; r < rounds; r++) {
            ratios.add(after.get(r) / before.get(r));
        }
        for (Map.Entry<String, List<Double>> e : micros.entrySet()) {
            System.out.printf("pages: %-22s µs per render: %s%n", e.getKey(), spread(e.getValue(), "%.0f"));
        }
        System.out.printf("RESULT pages: overview render time with OgnlCaches / without, per round: %s%n",
                spread(ratios, "%.2f"));
    }

    private static String spread(List<Double> values, String format) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return "min " + String.format(Locale.ROOT, format, sorted.get(0))
                + " / median " + String.format(Locale.ROOT, format, sorted.get(sorted.size() / 2))
                + " / max " + String.format(Locale.ROOT, format, sorted.get(sorted.size() - 1));
    }

    private static String render(TemplateEngine engine, Map<String, Object> model) {
        return engine.process("reporting/overview", new Context(Locale.forLanguageTag("da"), model));
    }

    /** The model of a page of 25 assessed cases under the shipped Halsnæs questions, as the controller builds it. */
    private static Map<String, Object> overviewModel() {
        List<Reports.Option> scale = List.of(new Reports.Option("1", "1 – Meget dårlig"), new Reports.Option("2",
                "2 – Dårlig"), new Reports.Option("3", "3 – Tilfredsstillende"), new Reports.Option("4", "4 – God"));
        List<Reports.Question> questions = new ArrayList<>();
        for (String id : List.of("faglig_kvalitet", "sammenhaeng", "omkostningseffektiv", "kompensation", "barnets_syn",
                "foraeldrenes_syn", "bemaerkninger")) {
            questions.add(new Reports.Question(id, "Afsnit", "Spørgsmålet " + id, "ORDINAL", scale));
        }
        List<Reports.CaseRow> rows = new ArrayList<>();
        for (int i = 0; i < ReportPages.PAGE; i++) {
            Map<String, String> codes = new HashMap<>();
            Map<String, String> labels = new HashMap<>();
            for (Reports.Question q : questions) {
                String code = String.valueOf(1 + (i + q.question_id().length()) % 4);
                codes.put(q.question_id(), code);
                labels.put(q.question_id(), q.label(code));
            }
            rows.add(new Reports.CaseRow(UUID.randomUUID(), "Sag " + (i + 1), "forebyggende", true, codes, labels, i % 3,
                    "minor", i % 7 == 0, 5, i % 3, 1, i % 2 == 0 ? null : i % 3, "Enig", 120_000, false,
                    i % 4 == 0 ? List.of("A1", "A3") : List.of()));
        }
        Reports.Overview o = new Reports.Overview(new Reports.ReviewRef(UUID.randomUUID(), "Gennemgang 2026", "open",
                UUID.randomUUID().toString(), null), questions, rows, 0, ReportPages.PAGE, 200);
        Map<String, Object> m = ReportPages.overviewModel(o, Reports.Filter.NONE, "alias", false);
        // What LayoutModel adds to every page.
        m.put("nav", List.of(new LayoutModel.NavItem("/intake/", "Sager og gennemgange", false),
                new LayoutModel.NavItem("/reporting/", "Rapporter", true)));
        m.put("base", "/reporting");
        m.put("fmt", DanishFormat.INSTANCE);
        m.put("caller", new Caller("tov-0101", "Tovholder", "0101", List.of("tovholder"), Optional.empty(),
                Optional.empty()));
        m.put("callerTenantName", "Kommune 0101");
        return m;
    }
}
