package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.plans.Plans;
import dk.gennemsyn.recommendations.recs.Recommendations;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The reviews, and a review's recommendations with their evidence and decisions (Danish pages). */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class RecommendationPages {

    @Serdeable
    record RecommendationForm(@Nullable String title, @Nullable String body, @Nullable String theme,
                              @Nullable List<String> findingIds, @Nullable String version) {
    }

    @Serdeable
    record DecisionForm(@Nullable String decision, @Nullable String reason, @Nullable String meetingDate,
                        @Nullable String from) {
    }

    /** The roles assessment shows a finding's page to (its staff); others see the evidence without a link. */
    private static final List<String> FINDING_READERS = List.of("projektleder", "tovholder", "validator", "tenant-admin");

    private final Recommendations recommendations;
    private final ReviewCopies reviews;
    private final TenantTx tenantTx;
    private final Page page;
    private final Plans plans;

    RecommendationPages(Recommendations recommendations, ReviewCopies reviews, TenantTx tenantTx, Page page, Plans plans) {
        this.plans = plans;
        this.recommendations = recommendations;
        this.reviews = reviews;
        this.tenantTx = tenantTx;
        this.page = page;
    }

    @Get
    ModelAndView<Map<String, Object>> home(Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Anbefalinger og handleplaner");
        model.put("reviews", caller.hasAnyRole(Access.STAFF) ? tenantTx.read(caller.tenant(), reviews::list) : List.of());
        return new ModelAndView<>("recommendations/home", model);
    }

    @Get("/reviews/{id}")
    ModelAndView<Map<String, Object>> review(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = page.model(caller, id, "recommendations", "Anbefalinger");
        m.put("recommendations", recommendations.list(caller, id));
        m.put("findings", tenantTx.read(caller.tenant(), () -> recommendations.findings(caller, id)));
        m.put("themes", Recommendations.THEMES);
        m.put("decisions", Recommendations.DECIDABLE);
        m.put("canWrite", caller.hasAnyRole(Access.LEADS) || caller.hasAnyRole(List.of("reviewer")));
        return new ModelAndView<>("recommendations/review", m);
    }

    @Post("/reviews/{id}/recommendations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(@PathVariable UUID id, @Body RecommendationForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> recommendations.create(caller, id, input(f)), "/recommendations/reviews/" + id,
                () -> review(id, auth));
    }

    /**
     * One recommendation: its text, the findings it rests on (linked to their pages in assessment), the decisions,
     * the focus areas and actions that carry it out, the edit form and who changed what.
     */
    @Get("/recommendations/{rec}")
    ModelAndView<Map<String, Object>> recommendation(@PathVariable UUID rec, Authentication auth) {
        Caller caller = Caller.of(auth);
        Recommendations.Recommendation r = recommendations.get(caller, rec);
        Map<String, Object> m = page.model(caller, r.reviewId(), "recommendations", "Anbefaling " + r.code());
        m.put("r", r);
        m.put("areas", plans.board(caller, r.reviewId()).focusAreas().stream()
                .filter(a -> a.recommendationIds().contains(rec)).toList());
        m.put("changes", recommendations.changes(caller, rec));
        m.put("findings", tenantTx.read(caller.tenant(), () -> recommendations.findings(caller, r.reviewId())));
        m.put("themes", Recommendations.THEMES);
        m.put("decisions", Recommendations.DECIDABLE);
        m.put("canWrite", caller.hasAnyRole(Access.LEADS) || caller.hasAnyRole(List.of("reviewer")));
        m.put("findingLinks", caller.hasAnyRole(FINDING_READERS));
        m.put("evidenceIds", r.evidence().stream().map(Recommendations.Evidence::findingId)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        return new ModelAndView<>("recommendations/recommendation", m);
    }

    /** The recommendations that rest on a finding (the finding's page in assessment links here). */
    @Get("/findings/{finding}")
    ModelAndView<Map<String, Object>> onFinding(@PathVariable UUID finding, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = recommendations.reviewOfFinding(caller, finding);
        Map<String, Object> m = page.model(caller, review, "recommendations", "Anbefalinger på fundet");
        m.put("resting", recommendations.list(caller, review).stream().filter(r -> r.evidence().stream()
                .anyMatch(e -> finding.equals(e.findingId()))).toList());
        m.put("canWrite", caller.hasAnyRole(Access.LEADS) || caller.hasAnyRole(List.of("reviewer")));
        return new ModelAndView<>("recommendations/finding", m);
    }

    /** Changes the title, text, theme and evidence; a form loaded before another change is refused (409). */
    @Post("/recommendations/{rec}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> edit(@PathVariable UUID rec, @Body RecommendationForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        Long version = Forms.wholeNumber("version", f.version());
        return Page.post(f, rec, () -> recommendations.update(caller, rec, version == null ? -1 : version, input(f)),
                "/recommendations/recommendations/" + rec, () -> recommendation(rec, auth));
    }

    @Post("/recommendations/{rec}/decisions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(@PathVariable UUID rec, @Body DecisionForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = recommendations.get(caller, rec).reviewId();
        return Page.post(() -> recommendations.decide(caller, rec, f.decision(), f.reason(),
                        Forms.date("meetingDate", f.meetingDate())), back(f.from(), review, rec),
                () -> "recommendation".equals(f.from()) ? recommendation(rec, auth) : review(review, auth));
    }

    @Post("/recommendations/{rec}/reopen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reopen(@PathVariable UUID rec, @Body DecisionForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = recommendations.get(caller, rec).reviewId();
        return Page.post(() -> recommendations.reopen(caller, rec, f.reason()), back(f.from(), review, rec),
                () -> "recommendation".equals(f.from()) ? recommendation(rec, auth) : review(review, auth));
    }

    /** Where a decision goes back to: the recommendation's own page, or its card on the review's page. */
    private static String back(@Nullable String from, UUID review, UUID rec) {
        return "recommendation".equals(from) ? "/recommendations/recommendations/" + rec
                : "/recommendations/reviews/" + review + "#rec-" + rec;
    }

    private static Recommendations.Input input(RecommendationForm f) {
        return new Recommendations.Input(f.title(), f.body(), f.theme(),
                f.findingIds() == null ? List.of() : f.findingIds().stream().map(s -> Page.uuid("findingIds", s)).toList());
    }
}
