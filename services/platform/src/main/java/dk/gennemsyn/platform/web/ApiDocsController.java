package dk.gennemsyn.platform.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.Map;

/**
 * Swagger UI for the service's own API: its OpenAPI document is generated at compile time and served
 * from /swagger/; the UI's scripts come from the swagger-ui webjar in the platform jar (no CDN).
 */
@Controller("/api-docs")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class ApiDocsController {

    private final String base;
    private final String service;

    ApiDocsController(@Value("${micronaut.server.context-path:}") String base,
                      @Value("${micronaut.application.name}") String service) {
        this.base = base;
        this.service = service;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    @View("platform/api-docs")
    Map<String, Object> page() {
        return Map.of(
                "title", "API-dokumentation: " + service,
                "base", base,
                "assets", base + "/swagger-ui",
                "spec", base + "/swagger/" + service + "-1.0.0.yml");
    }
}
