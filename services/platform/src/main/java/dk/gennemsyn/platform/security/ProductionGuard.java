package dk.gennemsyn.platform.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;

/**
 * Refuses to start in production with anything that lets a caller choose their own identity:
 * the dev sign-in flag, a dev signing key, or no external key set to verify tokens against.
 */
@Context
@Requires(env = "prod")
public class ProductionGuard {

    public ProductionGuard(@Value("${gennemsyn.security.dev.enabled:false}") boolean devLogin,
                           @Value("${gennemsyn.security.dev.signing-jwk:}") String devKey,
                           @Value("${gennemsyn.security.jwks-url:}") String jwksUrl) {
        if (devLogin || !devKey.isBlank()) {
            throw new IllegalStateException("Dev sign-in cannot be switched on in production");
        }
        if (jwksUrl.isBlank()) {
            throw new IllegalStateException("Production needs GENNEMSYN_JWKS_URL (the OIDC provider's key set)");
        }
    }
}
