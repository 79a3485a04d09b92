package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where a person starts after signing in (and from the Gennemsyn logo), by what their work is: the projektleder the
 * reviews, the reviewer their cases, the validator the cases to validate, the tovholder the actions due, the
 * steering group the decisions and the plan's progress. Someone with several roles gets the first in this order.
 */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/start")
@io.micronaut.http.annotation.Produces({io.micronaut.http.MediaType.TEXT_HTML, io.micronaut.http.MediaType.APPLICATION_JSON})
@Secured(SecurityRule.IS_AUTHENTICATED)
public class StartPage {

    static final List<Map.Entry<String, String>> BY_ROLE = List.of(
            Map.entry(Roles.PROJEKTLEDER, "/intake/"),
            Map.entry(Roles.TENANT_ADMIN, "/intake/"),
            Map.entry(Roles.TOVHOLDER, "/recommendations/actions"),
            Map.entry(Roles.STYREGRUPPE, "/recommendations/steering"),
            Map.entry(Roles.VALIDATOR, "/assessment/"),
            Map.entry(Roles.REVIEWER, "/assessment/"),
            Map.entry(Roles.OPERATOR, "/notifications/"));

    public static String of(Caller caller) {
        return BY_ROLE.stream().filter(e -> caller.roles().contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse("/intake/");
    }

    @Get
    HttpResponse<?> start(Authentication auth) {
        return HttpResponse.seeOther(URI.create(of(Caller.of(auth))));
    }
}
