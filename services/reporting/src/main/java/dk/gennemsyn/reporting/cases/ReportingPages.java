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
    private final dk.gennemsyn.reporting.plans.PlanProgress plans;

    private final dk.gennemsyn.reporting.reports.Reports reports;

    ReportingPages(CaseCounts counts, dk.gennemsyn.reporting.plans.PlanProgress plans,
                   dk.gennemsyn.reporting.reports.Reports reports) {
        this.counts = counts;
        this.plans = plans;
        this.reports = reports;
    }

    @Get
    @io.swagger.v3.oas.annotations.Hidden
    @Produces(MediaType.TEXT_HTML)
    @View("reporting/home")
    Map<String, Object> home(Authentication auth) {
        Caller caller = Caller.of(auth);
        boolean staff = caller.hasAnyRole(dk.gennemsyn.reporting.reports.Reports.STAFF);
        // The municipality's figures are for its staff; an external reviewer sees the page without them.
        List<CaseCounts.Count> rows = staff ? counts.forTenant(caller.tenant()) : List.of();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Rapporter");
        model.put("counts", rows);
        model.put("total", rows.stream().mapToLong(CaseCounts.Count::cases).sum());
        model.put("reviews", staff ? reports.reviews(caller) : List.of());
        model.put("caseRows", dk.gennemsyn.reporting.reports.Reports.readsCases(caller));
        model.put("staff", staff);
        return model;
    }

    /** Action-plan progress of every review with a plan (from recommendations' events). */
    @Get("/plans")
    @io.swagger.v3.oas.annotations.Hidden
    @Produces(MediaType.TEXT_HTML)
    @View("reporting/plans")
    Map<String, Object> plansPage(Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Handleplanernes fremdrift");
        model.put("reviews", plans.forTenant(staff(auth).tenant()));
        model.put("states", dk.gennemsyn.reporting.plans.PlanProgress.STATES);
        return model;
    }

    @Get("/api/plans")
    List<dk.gennemsyn.reporting.plans.PlanProgress.Review> plans(Authentication auth) {
        return plans.forTenant(staff(auth).tenant());
    }

    @Get("/api/case-counts")
    List<CaseCounts.Count> api(Authentication auth) {
        return counts.forTenant(staff(auth).tenant());
    }

    /** The caller, if one of the municipality's staff (403 otherwise): plans and case counts span every review. */
    private static Caller staff(Authentication auth) {
        Caller caller = Caller.of(auth);
        dk.gennemsyn.reporting.reports.Reports.requireStaff(caller);
        return caller;
    }
}
