package dk.gennemsyn.reporting.cases;

import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reporting's pages and API; answers only from its own read models. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
class ReportingPages {

    private final CaseCounts counts;

    ReportingPages(CaseCounts counts) {
        this.counts = counts;
    }

    @Get
    @io.swagger.v3.oas.annotations.Hidden
    @Produces(MediaType.TEXT_HTML)
    @View("reporting/home")
    Map<String, Object> home(Authentication auth) {
        List<CaseCounts.Count> rows = counts.forTenant(Caller.of(auth).tenant());
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Rapporter");
        model.put("counts", rows);
        model.put("total", rows.stream().mapToLong(CaseCounts.Count::cases).sum());
        return model;
    }

    @Get("/api/case-counts")
    List<CaseCounts.Count> api(Authentication auth) {
        return counts.forTenant(Caller.of(auth).tenant());
    }
}
