package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The case API. The tenant is the token's; roles decide who may register and who may see the access log. */
@Controller("/api/cases")
class CaseApi {

    @Serdeable
    record RegisterCase(@NotBlank @Size(max = 40) String caseType) {
    }

    @Serdeable
    record CaseView(UUID id, String alias, String caseType, String createdAt) {
        static CaseView of(CaseRecord c) {
            return new CaseView(c.id(), c.alias(), c.caseType(), c.createdAt().toString());
        }
    }

    private final Cases cases;

    CaseApi(Cases cases) {
        this.cases = cases;
    }

    @Post
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    @ApiResponse(responseCode = "201", description = "Sagen er registreret under et pseudonym")
    @ApiResponse(responseCode = "400", description = "Ugyldigt input (problem+json)")
    HttpResponse<CaseView> register(@Valid @Body RegisterCase body, Authentication auth) {
        CaseRecord c = cases.register(Caller.of(auth), body.caseType());
        return HttpResponse.created(CaseView.of(c), URI.create("/intake/api/cases/" + c.id()));
    }

    @Get
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN})
    Paging.Page<CaseView> list(@QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "50") int size,
                               @QueryValue(defaultValue = "sagsoversigt") String purpose, Authentication auth) {
        return cases.list(Caller.of(auth), page, size, purpose).map(CaseView::of);
    }

    @Get("/{id}")
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN})
    CaseView get(@PathVariable UUID id, @QueryValue(defaultValue = "sagsvisning") String purpose, Authentication auth) {
        return CaseView.of(cases.get(Caller.of(auth), id, purpose));
    }

    /** "Who has seen this case": the extract a person can ask the municipality for. */
    @Get("/{id}/access-log")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    List<AccessLog.Entry> accessLog(@PathVariable UUID id, Authentication auth) {
        return cases.accessLog(Caller.of(auth), id);
    }
}
