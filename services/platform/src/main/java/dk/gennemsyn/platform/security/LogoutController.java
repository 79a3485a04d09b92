package dk.gennemsyn.platform.security;

import com.google.protobuf.Timestamp;
import com.nimbusds.jwt.JWTClaimsSet;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.proto.platform.v1.SessionEnded;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;

/**
 * Signs out of all services at once: the token is ended ({@link EndedSessions}: refused from now on here, and
 * within about a second in the other services through {@code SessionEnded}), and the shared cookie is cleared.
 */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/logout")
@Secured(SecurityRule.IS_ANONYMOUS)
class LogoutController {

    private static final Logger LOG = LoggerFactory.getLogger(LogoutController.class);

    private final String cookieName;
    private final String contextPath;
    private final JwtTokenValidator tokens;
    private final EndedSessions endedSessions;
    private final TenantTx tenantTx;
    private final Outbox outbox;

    LogoutController(@Value("${micronaut.security.token.cookie.cookie-name}") String cookieName,
                     @Value("${micronaut.server.context-path:}") String contextPath, JwtTokenValidator tokens,
                     EndedSessions endedSessions, TenantTx tenantTx, Outbox outbox) {
        this.cookieName = cookieName;
        this.contextPath = contextPath;
        this.tokens = tokens;
        this.endedSessions = endedSessions;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
    }

    /** From the pages' sign-out form, or from an API client (any body is ignored). */
    @Post(consumes = {io.micronaut.http.MediaType.APPLICATION_FORM_URLENCODED, io.micronaut.http.MediaType.APPLICATION_JSON,
            io.micronaut.http.MediaType.TEXT_PLAIN})
    HttpResponse<?> logout(HttpRequest<?> request) {
        String token = request.getCookies().findCookie(cookieName).map(Cookie::getValue)
                .filter(v -> !v.isBlank())
                .orElseGet(() -> request.getHeaders().getAuthorization()
                        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim())
                        .orElse(null));
        if (token != null) {
            tokens.claims(token).ifPresent(claims -> end(token, claims));
        }
        return HttpResponse.seeOther(URI.create(contextPath + "/"))
                .cookie(Cookie.of(cookieName, "").path("/").maxAge(0));
    }

    private void end(String token, JWTClaimsSet claims) {
        String id = EndedSessions.tokenId(token, claims);
        Instant expires = claims.getExpirationTime().toInstant();
        String tenant = Tenants.requireValid((String) claims.getClaim(Caller.TENANT));
        tenantTx.write(tenant, () -> {
            endedSessions.record(id, expires);
            outbox.append(tenant, claims.getSubject(), SessionEnded.newBuilder().setTokenId(id)
                    .setExpiresAt(Timestamp.newBuilder().setSeconds(expires.getEpochSecond())).build());
        });
        LOG.info("Session ended by signing out");
    }
}
