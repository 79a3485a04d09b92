package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.measures.Measures;
import dk.gennemsyn.caseintake.reviews.Membership;
import dk.gennemsyn.caseintake.reviews.ReviewRecords;
import dk.gennemsyn.caseintake.reviews.Reviews;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Danish case pages: the list with filters and paging, a case with its timeline, registering a case. */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/cases")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class CasePages {

    @Serdeable
    record RegisterForm(@Nullable String caseType, @Nullable String caseNumber, @Nullable String birthYear,
                        @Nullable String team, @Nullable String caseworker) {
    }

    @Serdeable
    record RevealForm(@Nullable String purpose) {
    }

    @Serdeable
    record EventForm(@Nullable String kind, @Nullable String date, @Nullable String time, @Nullable String note,
                     @Nullable String measureId,
                     @Nullable String legalBasisBarnetsLov, @Nullable String legalBasisServiceloven,
                     @Nullable String yearlyCostKr) {
    }

    /** One timeline line for people: Danish date and whether it is in the review's period or context only. */
    public record Line(TimelineEntry e, String date, @Nullable Boolean inPeriod) {
        /** Measure and legal basis in one cell. */
        public String basis() {
            return String.join(" ", java.util.stream.Stream.of(e.measureName(), e.legalBasisBarnetsLov(),
                    e.legalBasisServiceloven()).filter(x -> x != null && !x.isBlank()).toList());
        }
    }

    private final Cases cases;
    private final Timelines timelines;
    private final Reviews reviews;
    private final Measures measures;

    CasePages(Cases cases, Timelines timelines, Reviews reviews, Measures measures) {
        this.timelines = timelines;
        this.cases = cases;
        this.reviews = reviews;
        this.measures = measures;
    }

    @Get
    ModelAndView<Map<String, Object>> list(@Nullable @QueryValue String caseType, @Nullable @QueryValue String team,
                                           @Nullable @QueryValue String open, @Nullable @QueryValue String alias,
                                           @QueryValue(defaultValue = "0") int page, Authentication auth) {
        return list(Caller.of(auth), caseType, team, open, alias, page, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> register(@Body RegisterForm form, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (!caller.hasAnyRole(Membership.EDITORS)) {
            throw Membership.forbidden();
        }
        try {
            CaseRecord c = cases.register(caller, new Cases.CaseInput(form.caseType(), form.caseNumber(),
                    Forms.smallNumber("birthYear", form.birthYear()),
                    null, form.team(), form.caseworker(), true));
            return HttpResponse.seeOther(URI.create("/intake/cases/" + c.id()));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(list(caller, null, null, null, null, 0, e.getMessage()), e));
        }
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> detail(@PathVariable UUID id, @Nullable @QueryValue UUID review, Authentication auth) {
        return detail(Caller.of(auth), id, review, null, null);
    }

    @Post("/{id}/reveal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reveal(@PathVariable UUID id, @Body RevealForm form, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            String number = cases.revealCaseNumber(caller, id, form.purpose());
            return HttpResponse.ok(detail(caller, id, null, number, null));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(detail(caller, id, null, null, e.getMessage()), e));
        }
    }

    @Post("/{id}/timeline")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addEvent(@PathVariable UUID id, @Body EventForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (!caller.hasAnyRole(Membership.EDITORS)) {
            throw Membership.forbidden();
        }
        try {
            timelines.add(caller, id, new Cases.TimelineInput(f.kind(), Forms.date("date", f.date()), f.note(),
                    measureId(f.measureId()),
                    f.legalBasisBarnetsLov(), f.legalBasisServiceloven(), Forms.kroner("yearlyCostKr", f.yearlyCostKr()), false,
                    Forms.time("time", f.time())));
            return HttpResponse.seeOther(URI.create("/intake/cases/" + id));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(detail(caller, id, null, null, e.getMessage()), e));
        }
    }

    private ModelAndView<Map<String, Object>> list(Caller caller, @Nullable String caseType, @Nullable String team,
                                                   @Nullable String open, @Nullable String alias, int page,
                                                   @Nullable String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sager");
        Boolean openFilter = open == null || open.isBlank() ? null : "true".equals(open);
        Paging.Page<CaseRecord> shown;
        try {
            shown = caller.hasAnyRole(List.of(Roles.STYREGRUPPE)) && !Membership.isStaff(caller)
                    ? new Paging.Page<>(List.of(), 0, 50, 0)
                    : cases.list(caller, new Cases.Filter(caseType, team, openFilter, null, alias), Math.max(page, 0), 50,
                    "sagsoversigt");
        } catch (ProblemException e) {
            shown = new Paging.Page<>(List.of(), 0, 50, 0);
            error = e.getMessage();
        }
        model.put("cases", shown);
        model.put("pages", (shown.total() + 49) / 50);
        model.put("filter", Map.of("caseType", nz(caseType), "team", nz(team), "open", nz(open), "alias", nz(alias)));
        model.put("query", "caseType=" + enc(caseType) + "&team=" + enc(team) + "&open=" + enc(open) + "&alias=" + enc(alias));
        model.put("caseTypes", CaseType.labels());
        model.put("canRegister", caller.hasAnyRole(Membership.EDITORS));
        model.put("error", error);
        return new ModelAndView<>("intake/cases", model);
    }

    private ModelAndView<Map<String, Object>> detail(Caller caller, UUID id, @Nullable UUID reviewId,
                                                     @Nullable String revealed, @Nullable String error) {
        Cases.Detail d = cases.get(caller, id, reviewId == null ? "sagsvisning" : "sagsgennemgang");
        ReviewRecords.Review review = reviewId == null ? null : reviews.get(caller, reviewId).review();
        Map<String, Object> model = new HashMap<>();
        model.put("title", d.c().alias());
        model.put("c", d.c());
        model.put("typeLabel", CaseType.ofCode(d.c().caseType()).map(t -> t.label).orElse(d.c().caseType()));
        model.put("timeline", d.timeline().stream().map(e -> new Line(e, DanishFormat.INSTANCE.date(e.date()),
                review == null ? null : review.inPeriod(e.date()))).toList());
        model.put("review", review);
        model.put("canReveal", Membership.isStaff(caller) && d.c().hasCaseNumber());
        model.put("staff", Membership.isStaff(caller));
        model.put("admin", caller.hasAnyRole(List.of(dk.gennemsyn.platform.security.Roles.TENANT_ADMIN,
                dk.gennemsyn.platform.security.Roles.PROJEKTLEDER)));
        model.put("canEdit", caller.hasAnyRole(Membership.EDITORS));
        model.put("kinds", TimelineKind.labels());
        model.put("measures", caller.hasAnyRole(Membership.EDITORS) ? measures.list(caller) : List.of());
        model.put("revealed", revealed);
        model.put("error", error);
        return new ModelAndView<>("intake/case", model);
    }

    @Nullable
    static UUID measureId(@Nullable String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(s.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("measureId", "Vælg et tilbud fra listen.");
        }
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static String enc(@Nullable String s) {
        return java.net.URLEncoder.encode(nz(s), java.nio.charset.StandardCharsets.UTF_8);
    }
}
