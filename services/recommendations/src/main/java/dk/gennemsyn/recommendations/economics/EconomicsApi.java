package dk.gennemsyn.recommendations.economics;

import dk.gennemsyn.platform.cpr.NoCpr;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
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

import java.math.BigDecimal;
import java.util.UUID;

/** Hours and cost per activity; savings targets per year and focus areas' contributions. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class EconomicsApi {

    @Serdeable
    record ActivityBody(@Nullable @NoCpr String name, @Nullable BigDecimal budgetHours, @Nullable Long budgetKr,
                        @Nullable BigDecimal actualHours, @Nullable Long actualKr) {
    }

    @Serdeable
    record TargetBody(int year, @Nullable Long targetKr) {
    }

    @Serdeable
    record ContributionBody(int year, @Nullable Long expectedKr) {
    }

    private final Economics economics;

    EconomicsApi(Economics economics) {
        this.economics = economics;
    }

    @Get("/reviews/{review}/economics")
    Economics.Overview overview(@PathVariable UUID review, Authentication auth) {
        return economics.overview(Caller.of(auth), review);
    }

    @Post("/reviews/{review}/activities")
    HttpResponse<Economics.Activity> create(@PathVariable UUID review, @Valid @Body ActivityBody b, Authentication auth) {
        var a = economics.saveActivity(Caller.of(auth), review, null, 0, b.name(), b.budgetHours(), b.budgetKr(),
                b.actualHours(), b.actualKr());
        return HttpResponse.created(a).header("ETag", Versions.etag(a.version()));
    }

    @Put("/reviews/{review}/activities/{id}")
    HttpResponse<Economics.Activity> update(@PathVariable UUID review, @PathVariable UUID id, @Valid @Body ActivityBody b,
                                            HttpRequest<?> request, Authentication auth) {
        var a = economics.saveActivity(Caller.of(auth), review, id, Versions.ifMatchVersion(request), b.name(),
                b.budgetHours(), b.budgetKr(), b.actualHours(), b.actualKr());
        return HttpResponse.ok(a).header("ETag", Versions.etag(a.version()));
    }

    @Put("/reviews/{review}/savings-targets")
    Economics.Overview target(@PathVariable UUID review, @Body TargetBody b, Authentication auth) {
        economics.setTarget(Caller.of(auth), review, b.year(), b.targetKr());
        return economics.overview(Caller.of(auth), review);
    }

    @Put("/focus-areas/{focusArea}/savings")
    HttpResponse<?> contribution(@PathVariable UUID focusArea, @Body ContributionBody b, Authentication auth) {
        economics.setContribution(Caller.of(auth), focusArea, b.year(), b.expectedKr());
        return HttpResponse.noContent();
    }
}
