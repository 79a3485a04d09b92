package dk.gennemsyn.platform.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Local sign-in: pick a demo user (tenant + role) and get a signed token in a cookie that every
 * service on the same origin reads. Never present in production: the bean requires the dev/test
 * environment and the flag, and {@link ProductionGuard} stops a prod start that sets the flag.
 */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/login")
@Requires(env = {"dev", "test"})
@Requires(notEnv = "prod")
@Requires(property = "gennemsyn.security.dev.enabled", value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
class DevLoginController {

    static final Duration LIFETIME = Duration.ofHours(8);

    private final DevSigningKey key;
    private final String cookieName;
    private final String contextPath;

    DevLoginController(DevSigningKey key,
                       @Value("${micronaut.security.token.cookie.cookie-name}") String cookieName,
                       @Value("${micronaut.server.context-path:}") String contextPath) {
        if (!key.isPresent()) {
            throw new IllegalStateException("Dev sign-in is on but GENNEMSYN_DEV_SIGNING_JWK is not set");
        }
        this.key = key;
        this.cookieName = cookieName;
        this.contextPath = contextPath;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    @View("platform/login")
    Map<String, Object> page() {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Log ind");
        model.put("tenants", DemoUsers.TENANTS);
        model.put("users", DemoUsers.all());
        return model;
    }

    @io.micronaut.serde.annotation.Serdeable
    record SignIn(String user) {
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signIn(@Body SignIn form) {
        var user = DemoUsers.byId(form.user() == null ? "" : form.user()).orElse(null);
        if (user == null) {
            return HttpResponse.seeOther(URI.create(contextPath + "/login?fejl=ukendt"));
        }
        Cookie cookie = Cookie.of(cookieName, key.sign(user, LIFETIME))
                .path("/").httpOnly(true).sameSite(SameSite.Lax).maxAge(LIFETIME);
        // Each role lands on its own start page (StartPage).
        return HttpResponse.seeOther(URI.create(contextPath + "/start")).cookie(cookie);
    }
}
