package dk.gennemsyn.reporting.management;

import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** The management figures as JSON: caseload per caseworker and team, new cases per month, cost per measure. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class ManagementApi {

    private final Management management;

    ManagementApi(Management management) {
        this.management = management;
    }

    @Get("/caseload")
    Management.Caseload caseload(Authentication auth) {
        return management.caseload(Caller.of(auth));
    }

    @Get("/costs")
    Management.Costs costs(Authentication auth) {
        return management.costs(Caller.of(auth));
    }
}
