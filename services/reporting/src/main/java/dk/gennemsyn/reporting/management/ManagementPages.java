package dk.gennemsyn.reporting.management;

import dk.gennemsyn.platform.security.Caller;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The management pages (Danish): "Sagstal pr. rådgiver" and "Udgift pr. foranstaltning". */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class ManagementPages {

    private final Management management;

    ManagementPages(Management management) {
        this.management = management;
    }

    @Get("/caseload")
    ModelAndView<Map<String, Object>> caseload(Authentication auth) {
        Management.Caseload c = management.caseload(Caller.of(auth));
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Sagstal pr. rådgiver og team");
        m.put("c", c);
        m.put("heights", Management.heights(c.newPerMonth().stream().map(Management.Month::newCases).toList()));
        m.put("plausible", Management.PLAUSIBLE_CASELOAD);
        return new ModelAndView<>("reporting/caseload", m);
    }

    @Get("/costs")
    ModelAndView<Map<String, Object>> costs(Authentication auth) {
        Management.Costs c = management.costs(Caller.of(auth));
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Udgift pr. foranstaltning");
        m.put("k", c);
        m.put("heights", Management.heights(c.trend().stream()
                .map(y -> y.averageKr() == null ? 0L : y.averageKr()).toList()));
        return new ModelAndView<>("reporting/costs", m);
    }
}
