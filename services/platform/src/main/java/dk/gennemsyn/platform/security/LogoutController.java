package dk.gennemsyn.platform.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;

/** Signs out of all services at once by clearing the shared cookie. */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/logout")
@Secured(SecurityRule.IS_ANONYMOUS)
class LogoutController {

    private final String cookieName;
    private final String contextPath;

    LogoutController(@Value("${micronaut.security.token.cookie.cookie-name}") String cookieName,
                     @Value("${micronaut.server.context-path:}") String contextPath) {
        this.cookieName = cookieName;
        this.contextPath = contextPath;
    }

    @Post
    HttpResponse<?> logout() {
        return HttpResponse.seeOther(URI.create(contextPath + "/"))
                .cookie(Cookie.of(cookieName, "").path("/").maxAge(0));
    }
}
