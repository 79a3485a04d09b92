package dk.gennemsyn.reporting.web;

import dk.gennemsyn.platform.web.DanishFormat;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import dk.gennemsyn.reporting.exports.Charts;
import dk.gennemsyn.reporting.exports.Exports;
import dk.gennemsyn.reporting.model.Rebuild;
import dk.gennemsyn.reporting.reports.Benchmark;
import dk.gennemsyn.reporting.reports.EarlyWarnings;
import dk.gennemsyn.reporting.reports.Reports;
import dk.gennemsyn.reporting.reports.Summaries;
import dk.gennemsyn.reporting.reports.TenantReports;
import dk.gennemsyn.platform.export.SpreadsheetText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The reports as JSON, and their exports (XLSX, CSV, PDF, PPTX) for the pages' download buttons and for clients. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
class ReportApi {

    @Serdeable
    record OptIn(boolean optedIn) {
    }

    @Serdeable
    record Rebuilt(int events) {
    }

    private final Reports reports;
    private final Summaries summaries;
    private final EarlyWarnings earlyWarnings;
    private final TenantReports tenantReports;
    private final Benchmark benchmark;
    private final Rebuild rebuild;
    private final Clock clock;
    private final dk.gennemsyn.reporting.management.Management management;

    private final dk.gennemsyn.reporting.reports.TextAnswers texts;

    ReportApi(Reports reports, Summaries summaries, EarlyWarnings earlyWarnings, TenantReports tenantReports,
              Benchmark benchmark, Rebuild rebuild, Clock clock, dk.gennemsyn.reporting.management.Management management,
              dk.gennemsyn.reporting.reports.TextAnswers texts) {
        this.summaries = summaries;
        this.earlyWarnings = earlyWarnings;
        this.texts = texts;
        this.management = management;
        this.reports = reports;
        this.tenantReports = tenantReports;
        this.benchmark = benchmark;
        this.rebuild = rebuild;
        this.clock = clock;
    }

    @Get("/api/reviews")
    List<Reports.ReviewRef> reviews(Authentication auth) {
        return reports.reviews(Caller.of(auth));
    }

    @Get("/api/reviews/{id}/overview")
    Reports.Overview overview(@PathVariable UUID id, @QueryValue(defaultValue = "0") int page,
                              @QueryValue(defaultValue = "50") int size, @QueryValue(defaultValue = "alias") String sort,
                              @QueryValue(defaultValue = "false") boolean desc, @Nullable @QueryValue String caseType,
                              @Nullable @QueryValue String question, @Nullable @QueryValue String answer,
                              @Nullable @QueryValue String validation, @Nullable @QueryValue String severity,
                              Authentication auth) {
        Paging.of(page, size, io.micronaut.data.model.Sort.unsorted());
        return reports.overview(Caller.of(auth), id, new Reports.Filter(blank(caseType), blank(question), blank(answer),
                blank(validation), blank(severity)), sort, desc, page, size, "rapport: sagsoversigt");
    }

    @Get("/api/reviews/{id}/summary")
    Reports.Summary summary(@PathVariable UUID id, Authentication auth) {
        return summaries.of(Caller.of(auth), id);
    }

    /** The text questions' answers case by case (an instrument of free text), optionally only those containing q. */
    @Get("/api/reviews/{id}/texts")
    List<dk.gennemsyn.reporting.reports.TextAnswers.Question> texts(@PathVariable UUID id, @Nullable @QueryValue String q,
                                                                   Authentication auth) {
        return texts.of(Caller.of(auth), id, q);
    }

    @Get(value = "/api/reviews/{id}/texts.csv", produces = "text/csv")
    HttpResponse<byte[]> textsCsv(@PathVariable UUID id, @Nullable @QueryValue String q, Authentication auth) {
        StringBuilder out = new StringBuilder("\uFEFFspørgsmål;sag;runde;svar\r\n");
        for (var question : texts.of(Caller.of(auth), id, q)) {
            for (var a : question.answers()) {
                out.append(SpreadsheetText.csvCell(question.text())).append(';').append(SpreadsheetText.csvCell(a.alias()))
                        .append(';').append(a.round()).append(';').append(SpreadsheetText.csvCell(a.text())).append("\r\n");
            }
        }
        return HttpResponse.ok(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .contentType(new io.micronaut.http.MediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"tekstsvar-" + id + ".csv\"");
    }


    @Get("/api/reviews/{id}/early-warning")
    Reports.EarlyWarning earlyWarning(@PathVariable UUID id, Authentication auth) {
        return earlyWarnings.of(Caller.of(auth), id);
    }

    @Get("/api/key-figures")
    TenantReports.KeyFigures keyFigures(Authentication auth) {
        return tenantReports.keyFigures(Caller.of(auth));
    }

    @Get("/api/trend")
    TenantReports.Trend trend(@QueryValue UUID a, @QueryValue UUID b, Authentication auth) {
        return tenantReports.trend(Caller.of(auth), a, b);
    }

    @Get("/api/benchmark")
    Benchmark.View benchmark(Authentication auth) {
        return benchmark.view(Caller.of(auth));
    }

    @Put("/api/benchmark/opt-in")
    Benchmark.View optIn(@Body OptIn b, Authentication auth) {
        return benchmark.optIn(Caller.of(auth), b.optedIn());
    }

    /** Empties the tenant's read models and builds them again from the archived events. */
    @Post("/api/admin/rebuild")
    @Secured(Roles.TENANT_ADMIN)
    Rebuilt rebuild(Authentication auth) {
        return new Rebuilt(rebuild.run(Caller.of(auth)));
    }

    @Get("/reviews/{id}/export.xlsx")
    HttpResponse<byte[]> xlsx(@PathVariable UUID id, Authentication auth) {
        Caller c = Caller.of(auth);
        Reports.Overview o = all(c, id, "eksport: xlsx");
        return Downloads.attachment(Exports.xlsx(summaries.of(c, id), o, earlyWarnings.of(c, id)), Downloads.XLSX,
                "Sagsoversigt - " + o.review().title(), "xlsx");
    }

    @Get("/reviews/{id}/export.csv")
    HttpResponse<byte[]> csv(@PathVariable UUID id, Authentication auth) {
        Reports.Overview o = all(Caller.of(auth), id, "eksport: csv");
        return Downloads.attachment(Exports.csv(o), Downloads.CSV, "Sagsoversigt - " + o.review().title(), "csv");
    }

    @Get("/reviews/{id}/statusnotat.pdf")
    HttpResponse<byte[]> pdf(@PathVariable UUID id, Authentication auth) {
        Caller c = Caller.of(auth);
        Reports.Summary s = summaries.of(c, id);
        return Downloads.attachment(Exports.pdf(s, earlyWarnings.of(c, id), management.costs(c), Charts.of(s), today()),
                Downloads.PDF,
                "Statusnotat - " + s.review().title(), "pdf");
    }

    @Get("/reviews/{id}/planchesaet.pptx")
    HttpResponse<byte[]> pptx(@PathVariable UUID id, Authentication auth) {
        Reports.Summary s = summaries.of(Caller.of(auth), id);
        return Downloads.attachment(Exports.pptx(s, Charts.of(s), today()), Downloads.PPTX,
                "Planchesæt - " + s.review().title(), "pptx");
    }

    private Reports.Overview all(Caller c, UUID id, String purpose) {
        return reports.overview(c, id, Reports.Filter.NONE, "alias", false, 0, 0, purpose);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(DanishFormat.ZONE));
    }

    @Nullable
    static String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
