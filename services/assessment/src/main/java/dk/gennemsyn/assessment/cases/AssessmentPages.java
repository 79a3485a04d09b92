package dk.gennemsyn.assessment.cases;

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
import java.util.Map;

@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
class AssessmentPages {

    private final KnownCases cases;

    AssessmentPages(KnownCases cases) {
        this.cases = cases;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    @View("assessment/home")
    Map<String, Object> home(Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Vurdering");
        model.put("aliases", cases.aliases(Caller.of(auth).tenant()));
        return model;
    }
}
