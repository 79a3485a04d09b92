package dk.gennemsyn.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The key local runs and tests sign tokens with, shared by all five services through configuration
 * (GENNEMSYN_DEV_SIGNING_JWK). Production never has one: tokens come from the OIDC provider.
 */
@Singleton
public class DevSigningKey {

    private final RSAKey key;
    private final String audience;

    public DevSigningKey(@Value("${gennemsyn.security.dev.signing-jwk:}") String jwk,
                         @Value("${gennemsyn.security.audience}") String audience) {
        this.key = jwk.isBlank() ? null : parse(jwk);
        this.audience = audience;
    }

    public boolean isPresent() {
        return key != null;
    }

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String sign(DemoUsers.DemoUser user, Duration lifetime) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .subject(user.id())
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(Caller.TENANT, user.tenant())
                .claim(Caller.NAME, user.name())
                .claim("roles", List.of(user.role()));
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints a fresh private signing key as a JWK; the run script keeps it for local runs. */
    public static void main(String[] args) throws JOSEException {
        System.out.println(new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).generate().toJSONString());
    }

    private static RSAKey parse(String jwk) {
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("The dev signing key is not an RSA JWK", e);
        }
    }
}
