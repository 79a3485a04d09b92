package dk.gennemsyn.reporting.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.reporting.exports.Charts;
import dk.gennemsyn.reporting.reports.Benchmark;
import dk.gennemsyn.reporting.reports.EarlyWarnings;
import dk.gennemsyn.reporting.reports.Reports;
import dk.gennemsyn.reporting.reports.Summaries;
import dk.gennemsyn.reporting.reports.TenantReports;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The report pages (Danish): the review's overview, summary with charts and early warning; key figures; trend; benchmark. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class ReportPages {

    @Serdeable
    record OptInForm(@Nullable String optedIn) {
    }

    static final int PAGE = 25;

    /**
     * A row of the overview page with its answer cells in the questions' order: worked out here, because each method
     * call in a template expression costs OGNL a reflective lookup, and this table has one cell per case and question.
     */
    public record PageRow(Reports.CaseRow c, List<Cell> cells) {
        static PageRow of(Reports.CaseRow c, List<Reports.Question> questions) {
            return new PageRow(c, questions.stream().map(q -> new Cell(q.question_id(), c.labels().get(q.question_id())))
                    .toList());
        }
    }

    public record Cell(String question, @Nullable String label) {
    }

    private final Reports reports;
    private final Summaries summaries;
    private final EarlyWarnings earlyWarnings;
    private final TenantReports tenantReports;
    private final Benchmark benchmark;

    private final dk.gennemsyn.reporting.reports.TextAnswers texts;

    ReportPages(Reports reports, Summaries summaries, EarlyWarnings earlyWarnings, TenantReports tenantReports,
                Benchmark benchmark, dk.gennemsyn.reporting.reports.TextAnswers texts) {
        this.summaries = summaries;
        this.earlyWarnings = earlyWarnings;
        this.texts = texts;
        this.reports = reports;
        this.tenantReports = tenantReports;
        this.benchmark = benchmark;
    }

    @Get("/reviews/{id}")
    ModelAndView<Map<String, Object>> overview(@PathVariable UUID id, @QueryValue(defaultValue = "0") int page,
                                               @QueryValue(defaultValue = "alias") String sort,
                                               @QueryValue(defaultValue = "false") boolean desc,
                                               @Nullable @QueryValue String caseType, @Nullable @QueryValue String question,
                                               @Nullable @QueryValue String answer, @Nullable @QueryValue String validation,
                                               @Nullable @QueryValue String severity, Authentication auth) {
        Reports.Filter filter = new Reports.Filter(ReportApi.blank(caseType), ReportApi.blank(question),
                ReportApi.blank(answer), ReportApi.blank(validation), ReportApi.blank(severity));
        Reports.Overview o = reports.overview(Caller.of(auth), id, filter, sort, desc, Math.max(0, page), PAGE,
                "rapport: sagsoversigt");
        return new ModelAndView<>("reporting/overview", overviewModel(o, filter, sort, desc));
    }

    /** What the overview template reads (PageRenderBenchmark renders it from the same). */
    static Map<String, Object> overviewModel(Reports.Overview o, Reports.Filter filter, String sort, boolean desc) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Sagsoversigt");
        m.put("o", o);
        m.put("pages", (o.total() + PAGE - 1) / PAGE);
        m.put("sort", sort);
        m.put("desc", desc);
        m.put("filter", filter);
        m.put("query", query(filter));
        m.put("severities", Reports.SEVERITIES);
        m.put("anyBlind", o.rows().stream().anyMatch(Reports.CaseRow::blind));
        m.put("rows", o.rows().stream().map(c -> PageRow.of(c, o.questions())).toList());
        m.put("reviewUrl", "/reviews/" + o.review().id());
        return m;
    }

    @Get("/reviews/{id}/summary")
    ModelAndView<Map<String, Object>> summary(@PathVariable UUID id, @Nullable @QueryValue String q, Authentication auth) {
        Reports.Summary s = summaries.of(Caller.of(auth), id);
        Map<String, Object> m = new HashMap<>();
        // An instrument of free text: its answers case by case, for the staff who read cases.
        m.put("texts", Reports.readsCases(Caller.of(auth)) ? texts.of(Caller.of(auth), id, q) : List.of());
        m.put("q", q == null ? "" : q);
        m.put("title", "Sammenfatning");
        m.put("s", s);
        m.put("caseRows", Reports.readsCases(Caller.of(auth)));
        m.put("charts", Charts.of(s).stream().map(c -> Map.of("title", c.title(),
                "src", "data:image/png;base64," + Base64.getEncoder().encodeToString(c.png()))).toList());
        return new ModelAndView<>("reporting/summary", m);
    }

    @Get("/reviews/{id}/early-warning")
    ModelAndView<Map<String, Object>> earlyWarning(@PathVariable UUID id, Authentication auth) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Tidlig budgetvarsling");
        m.put("w", earlyWarnings.of(Caller.of(auth), id));
        return new ModelAndView<>("reporting/early-warning", m);
    }

    @Get("/key-figures")
    ModelAndView<Map<String, Object>> keyFigures(Authentication auth) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Nøgletal");
        m.put("k", tenantReports.keyFigures(Caller.of(auth)));
        return new ModelAndView<>("reporting/key-figures", m);
    }

    @Get("/trend")
    ModelAndView<Map<String, Object>> trend(@Nullable @QueryValue UUID a, @Nullable @QueryValue UUID b, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Udvikling mellem to gennemgange");
        m.put("reviews", reports.reviews(caller));
        m.put("a", a);
        m.put("b", b);
        m.put("t", a != null && b != null ? tenantReports.trend(caller, a, b) : null);
        return new ModelAndView<>("reporting/trend", m);
    }

    @Get("/benchmark")
    ModelAndView<Map<String, Object>> benchmarkPage(Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Benchmark på tværs af kommuner");
        m.put("v", benchmark.view(caller));
        m.put("isAdmin", caller.hasAnyRole(List.of(Roles.TENANT_ADMIN)));
        m.put("minMunicipalities", Benchmark.MIN_MUNICIPALITIES);
        m.put("minCases", Benchmark.MIN_CASES);
        return new ModelAndView<>("reporting/benchmark", m);
    }

    @Post("/benchmark")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> optIn(@Body OptInForm f, Authentication auth) {
        benchmark.optIn(Caller.of(auth), "true".equals(f.optedIn()));
        return HttpResponse.seeOther(URI.create("/reporting/benchmark"));
    }

    static String query(Reports.Filter f) {
        StringBuilder q = new StringBuilder();
        add(q, "caseType", f.caseType());
        add(q, "question", f.question());
        add(q, "answer", f.answer());
        add(q, "validation", f.validation());
        add(q, "severity", f.severity());
        return q.toString();
    }

    private static void add(StringBuilder q, String name, @Nullable String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
