package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The Danish pages of case-intake. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
class CasePages {

    @Serdeable
    record RegisterForm(String caseType) {
    }

    /** One line of the case table, formatted for people (Danish date, local time). */
    record Row(String alias, String type, String registered) {
    }

    static final java.time.format.DateTimeFormatter DANISH = java.time.format.DateTimeFormatter
            .ofPattern("dd-MM-yyyy HH:mm").withZone(java.time.ZoneId.of("Europe/Copenhagen"));

    private final Cases cases;

    CasePages(Cases cases) {
        this.cases = cases;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> home(Authentication auth) {
        return page(Caller.of(auth), null);
    }

    @Post("/cases")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<?> register(@Body RegisterForm form, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            cases.register(caller, form.caseType() == null ? "" : form.caseType());
            return HttpResponse.seeOther(URI.create("/intake/"));
        } catch (ProblemException e) {
            return HttpResponse.badRequest(page(caller, e.getMessage()));
        }
    }

    private ModelAndView<Map<String, Object>> page(Caller caller, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sager og gennemgange");
        boolean staff = caller.hasAnyRole(java.util.List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR,
                Roles.TENANT_ADMIN));
        var shown = staff ? cases.list(caller, 0, Paging.MAX_SIZE, "sagsoversigt")
                : new Paging.Page<CaseRecord>(java.util.List.of(), 0, Paging.MAX_SIZE, 0);
        model.put("cases", shown.items().stream()
                .map(c -> new Row(c.alias(), CaseType.ofCode(c.caseType()).map(t -> t.label).orElse(c.caseType()),
                        DANISH.format(c.createdAt())))
                .toList());
        model.put("total", shown.total());
        model.put("canRegister", caller.hasAnyRole(java.util.List.of(Roles.PROJEKTLEDER, Roles.TENANT_ADMIN)));
        model.put("caseTypes", CaseType.labels());
        model.put("error", error);
        return new ModelAndView<>("intake/home", model);
    }
}
