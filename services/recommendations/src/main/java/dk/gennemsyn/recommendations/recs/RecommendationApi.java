package dk.gennemsyn.recommendations.recs;

import dk.gennemsyn.platform.cpr.NoCpr;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import dk.gennemsyn.platform.db.TenantTx;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Recommendations with their evidence, and the steering group's decisions. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class RecommendationApi {

    @Serdeable
    record RecommendationBody(@Nullable @NoCpr String title, @Nullable @NoCpr String body, @Nullable String theme,
                              @Nullable List<UUID> findingIds) {
        Recommendations.Input input() {
            return new Recommendations.Input(title, body, theme, findingIds);
        }
    }

    @Serdeable
    record DecisionBody(@Nullable String decision, @Nullable @NoCpr String reason, @Nullable LocalDate meetingDate) {
    }

    @Serdeable
    record ReopenBody(@Nullable @NoCpr String reason) {
    }

    private final Recommendations recommendations;
    private final ReviewCopies reviews;
    private final TenantTx tenantTx;

    RecommendationApi(Recommendations recommendations, ReviewCopies reviews, TenantTx tenantTx) {
        this.recommendations = recommendations;
        this.reviews = reviews;
        this.tenantTx = tenantTx;
    }

    /** The reviews the tenant has (from case-intake's events). */
    @Get("/reviews")
    List<ReviewCopies.ReviewRef> reviews(Authentication auth) {
        Caller caller = Caller.of(auth);
        dk.gennemsyn.recommendations.access.Access.requireAny(caller, dk.gennemsyn.recommendations.access.Access.STAFF,
                "Kun kommunens medarbejdere ser alle gennemgange.");
        return tenantTx.read(caller.tenant(), reviews::list);
    }

    /** The review's recommendations in code order, a page at a time. */
    @Get("/reviews/{review}/recommendations")
    dk.gennemsyn.platform.web.Paging.Page<Recommendations.Recommendation> list(@PathVariable UUID review,
            @io.micronaut.http.annotation.QueryValue(defaultValue = "0") int page,
            @io.micronaut.http.annotation.QueryValue(defaultValue = "50") int size, Authentication auth) {
        return recommendations.page(Caller.of(auth), review,
                dk.gennemsyn.platform.web.Paging.of(page, size, io.micronaut.data.model.Sort.unsorted()));
    }

    @Post("/reviews/{review}/recommendations")
    HttpResponse<Recommendations.Recommendation> create(@PathVariable UUID review, @Valid @Body RecommendationBody b,
                                                        Authentication auth) {
        var r = recommendations.create(Caller.of(auth), review, b.input());
        return HttpResponse.created(r).header("ETag", Versions.etag(r.version()));
    }

    @Get("/recommendations/{id}")
    HttpResponse<Recommendations.Recommendation> get(@PathVariable UUID id, Authentication auth) {
        var r = recommendations.get(Caller.of(auth), id);
        return HttpResponse.ok(r).header("ETag", Versions.etag(r.version()));
    }

    @Put("/recommendations/{id}")
    HttpResponse<Recommendations.Recommendation> update(@PathVariable UUID id, @Valid @Body RecommendationBody b,
                                                        HttpRequest<?> request, Authentication auth) {
        var r = recommendations.update(Caller.of(auth), id, Versions.ifMatchVersion(request), b.input());
        return HttpResponse.ok(r).header("ETag", Versions.etag(r.version()));
    }

    /** Who changed the recommendation's title, text, theme or evidence, and when. */
    @Get("/recommendations/{id}/changes")
    java.util.List<dk.gennemsyn.platform.history.History.Entry> changes(@PathVariable UUID id, Authentication auth) {
        return recommendations.changes(Caller.of(auth), id);
    }

    @Post("/recommendations/{id}/decisions")
    Recommendations.Recommendation decide(@PathVariable UUID id, @Valid @Body DecisionBody b, Authentication auth) {
        return recommendations.decide(Caller.of(auth), id, b.decision(), b.reason(), b.meetingDate());
    }

    @Post("/recommendations/{id}/reopen")
    Recommendations.Recommendation reopen(@PathVariable UUID id, @Valid @Body ReopenBody b, Authentication auth) {
        return recommendations.reopen(Caller.of(auth), id, b.reason());
    }
}
