package dk.gennemsyn.caseintake.sampling;

import dk.gennemsyn.platform.cpr.NoCpr;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A review's samples (with their protocols) and its selected cases with their forklæder. */
@Controller("/api/reviews/{reviewId}")
class SamplingApi {

    @Serdeable
    record DrawBody(@NotBlank String tier, @NotBlank String method, @Nullable Integer size, @Nullable String strataBy,
                    @Nullable Map<String, Integer> perStratum, @Nullable Long seed, @Nullable Samplings.Filter filter) {
    }

    @Serdeable
    record ChooseBody(@NotNull UUID caseId, @NotBlank @NoCpr @Size(max = 4000) String forklaede,
                      @Nullable Boolean deepReview, @Nullable Boolean secondReview) {
    }

    @Serdeable
    record ForklaedeBody(@NotBlank @NoCpr @Size(max = 4000) String forklaede) {
    }

    private final Samplings samplings;

    SamplingApi(Samplings samplings) {
        this.samplings = samplings;
    }

    @Post("/samplings")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "201", description = "Stikprøven er trukket; protokollen er gemt")
    @ApiResponse(responseCode = "409", description = "Allerede trukket, eller gennemgangen er i en fase, hvor det ikke kan ske")
    HttpResponse<Samplings.Protocol> draw(@PathVariable UUID reviewId, @Valid @Body DrawBody b, Authentication auth) {
        return HttpResponse.created(samplings.draw(Caller.of(auth), reviewId, new Samplings.Request(b.tier(), b.method(),
                b.size(), b.strataBy(), b.perStratum(), b.seed(), b.filter())));
    }

    @Get("/samplings")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.STYREGRUPPE})
    List<Samplings.Protocol> protocols(@PathVariable UUID reviewId, Authentication auth) {
        return samplings.protocols(Caller.of(auth), reviewId);
    }

    @Get("/cases")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.REVIEWER})
    Paging.Page<Samplings.Selected> selection(@PathVariable UUID reviewId, @QueryValue(defaultValue = "0") int page,
                                              @QueryValue(defaultValue = "50") int size, Authentication auth) {
        return samplings.selection(Caller.of(auth), reviewId, page, size, "udvalgte sager");
    }

    /** Purposive selection: a case chosen by hand, always with a forklæde. */
    @Post("/cases")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Samplings.Selected> choose(@PathVariable UUID reviewId, @Valid @Body ChooseBody b, Authentication auth) {
        Samplings.Selected s = samplings.choose(Caller.of(auth), reviewId, b.caseId(), b.forklaede(),
                !Boolean.FALSE.equals(b.deepReview()), Boolean.TRUE.equals(b.secondReview()));
        return HttpResponse.created(s).header("ETag", Versions.etag(s.version()));
    }

    @Get("/cases/{caseId}")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.REVIEWER})
    HttpResponse<Samplings.Selected> selected(@PathVariable UUID reviewId, @PathVariable UUID caseId, Authentication auth) {
        Samplings.Selected s = samplings.selectedCase(Caller.of(auth), reviewId, caseId);
        return HttpResponse.ok(s).header("ETag", Versions.etag(s.version()));
    }

    @Put("/cases/{caseId}/forklaede")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "412", description = "Forklædet er ændret siden det blev hentet (If-Match)")
    HttpResponse<Samplings.Selected> forklaede(@PathVariable UUID reviewId, @PathVariable UUID caseId,
                                               @Valid @Body ForklaedeBody b, HttpRequest<?> request, Authentication auth) {
        Samplings.Selected s = samplings.editForklaede(Caller.of(auth), reviewId, caseId, Versions.ifMatchVersion(request),
                b.forklaede());
        return HttpResponse.ok(s).header("ETag", Versions.etag(s.version()));
    }
}
