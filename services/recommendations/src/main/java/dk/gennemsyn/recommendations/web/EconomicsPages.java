package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.recommendations.economics.Economics;
import dk.gennemsyn.recommendations.plans.Plans;
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

import java.util.Map;
import java.util.UUID;

/** Project economics: hours and cost per activity, savings targets and focus areas' contributions. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class EconomicsPages {

    @Serdeable
    record ActivityForm(@Nullable String id, @Nullable String version, @Nullable String name, @Nullable String budgetHours,
                        @Nullable String budgetKr, @Nullable String actualHours, @Nullable String actualKr) {
    }

    @Serdeable
    record TargetForm(@Nullable String year, @Nullable String targetKr) {
    }

    @Serdeable
    record ContributionForm(@Nullable String focusAreaId, @Nullable String year, @Nullable String expectedKr) {
    }

    private final Economics economics;
    private final Plans plans;
    private final Page page;

    EconomicsPages(Economics economics, Plans plans, Page page) {
        this.economics = economics;
        this.plans = plans;
        this.page = page;
    }

    @Get("/reviews/{id}/economics")
    ModelAndView<Map<String, Object>> overview(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = page.model(caller, id, "economics", "Økonomi");
        m.put("economics", economics.overview(caller, id));
        m.put("focusAreas", plans.board(caller, id).focusAreas());
        return new ModelAndView<>("recommendations/economics", m);
    }

    @Post("/reviews/{id}/activities")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> activity(@PathVariable UUID id, @Body ActivityForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        Long version = Forms.wholeNumber("version", f.version());
        return Page.post(() -> economics.saveActivity(caller, id, Page.uuid("id", f.id()), version == null ? 0 : version,
                        f.name(), Forms.decimal("budgetHours", f.budgetHours()), Forms.kroner("budgetKr", f.budgetKr()),
                        Forms.decimal("actualHours", f.actualHours()), Forms.kroner("actualKr", f.actualKr())),
                "/recommendations/reviews/" + id + "/economics", () -> overview(id, auth));
    }

    @Post("/reviews/{id}/savings-targets")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> target(@PathVariable UUID id, @Body TargetForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> economics.setTarget(caller, id, year(f.year()), Forms.kroner("targetKr", f.targetKr())),
                "/recommendations/reviews/" + id + "/economics", () -> overview(id, auth));
    }

    @Post("/reviews/{id}/contributions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> contribution(@PathVariable UUID id, @Body ContributionForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> economics.setContribution(caller, Page.uuid("focusAreaId", f.focusAreaId()), year(f.year()),
                        Forms.kroner("expectedKr", f.expectedKr())),
                "/recommendations/reviews/" + id + "/economics", () -> overview(id, auth));
    }

    private static int year(@Nullable String s) {
        Integer y = Forms.smallNumber("year", s);
        return y == null ? 0 : y;
    }
}
