package dk.gennemsyn.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a bearer or cookie token into an Authentication, or into nothing (401). */
@Singleton
public class JwtTokenValidator implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenValidator.class);

    private final TokenVerifier verifier;
    private final EndedSessions endedSessions;

    public JwtTokenValidator(@Value("${gennemsyn.security.jwks-url:}") String jwksUrl,
                             @Value("${gennemsyn.security.jwks:}") String jwks,
                             @Value("${gennemsyn.security.audience}") String audience,
                             @Value("${gennemsyn.security.issuer:}") String issuer,
                             DevSigningKey devKey, EndedSessions endedSessions) {
        this.endedSessions = endedSessions;
        if (!jwksUrl.isBlank()) {
            verifier = TokenVerifier.remote(jwksUrl, audience, issuer);
        } else if (!jwks.isBlank()) {
            verifier = TokenVerifier.local(parse(jwks), audience, issuer);
        } else if (devKey.isPresent()) {
            verifier = TokenVerifier.local(devKey.publicKeys(), audience, issuer);
        } else {
            throw new IllegalStateException(
                    "No token keys: set GENNEMSYN_JWKS_URL (production) or the dev signing key (local runs)");
        }
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        try {
            JWTClaimsSet claims = verifier.verify(token);
            if (endedSessions.isEnded(EndedSessions.tokenId(token, claims))) {
                LOG.info("Token refused: its session was ended (signed out)");
                return Publishers.empty();
            }
            return Publishers.just(toAuthentication(claims));
        } catch (TokenVerifier.InvalidTokenException | RuntimeException e) {
            LOG.info("Token refused: {}", e.getMessage());
            return Publishers.empty();
        }
    }

    /** The claims of a token that passes every check (not an ended one), or nothing. */
    java.util.Optional<JWTClaimsSet> claims(String token) {
        try {
            JWTClaimsSet claims = verifier.verify(token);
            return endedSessions.isEnded(EndedSessions.tokenId(token, claims)) ? java.util.Optional.empty()
                    : java.util.Optional.of(claims);
        } catch (TokenVerifier.InvalidTokenException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    static Authentication toAuthentication(JWTClaimsSet claims) {
        try {
            String tenant = Tenants.requireValid(claims.getStringClaim(Caller.TENANT));
            List<String> roles = claims.getStringListClaim("roles");
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(Caller.TENANT, tenant);
            attributes.put(Caller.NAME, claims.getStringClaim(Caller.NAME) != null
                    ? claims.getStringClaim(Caller.NAME) : claims.getSubject());
            putIfPresent(attributes, Caller.ACCESS_FROM, claims.getLongClaim(Caller.ACCESS_FROM));
            putIfPresent(attributes, Caller.ACCESS_TO, claims.getLongClaim(Caller.ACCESS_TO));
            return Authentication.build(claims.getSubject(), roles, attributes);
        } catch (ParseException e) {
            throw new IllegalArgumentException("Malformed claims: " + e.getMessage());
        }
    }

    private static void putIfPresent(Map<String, Object> attributes, String key, Long value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    private static JWKSet parse(String json) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("gennemsyn.security.jwks is not a JWK set", e);
        }
    }
}
