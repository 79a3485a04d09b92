package dk.gennemsyn.recommendations.plans;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;

import java.util.HashMap;
import java.util.Map;

@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
class RecommendationPages {

    @Get
    @Produces(MediaType.TEXT_HTML)
    @View("recommendations/home")
    Map<String, Object> home() {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Anbefalinger og handleplaner");
        return model;
    }
}
