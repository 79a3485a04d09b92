package dk.gennemsyn.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a JWT: signature by a key from the configured key set, algorithm on an allow-list (never
 * "none" or HMAC: a leaked shared secret would let anyone mint tokens), exp, nbf and iat (not in the future) with
 * a small clock skew, audience, issuer if configured, and the claims Gennemsyn needs.
 *
 * <p>A verified token is remembered until it expires: checking an RSA signature costs more CPU than most requests
 * do, and a browser sends the same token with every request. Only exact token strings that passed every check are
 * remembered, and expiry and not-before are checked again on every use.
 */
public final class TokenVerifier {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256);
    static final int MAX_CLOCK_SKEW_SECONDS = 30;

    /** Bounds the memory the cache can hold; when full it starts over (tokens are few per user and hour). */
    static final int MAX_REMEMBERED = 20_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();

    public TokenVerifier(JWKSource<SecurityContext> keys, String audience, String issuer) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (issuer != null && !issuer.isBlank()) {
            exact.issuer(issuer);
        }
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(audience, exact.build(),
                new HashSet<>(Set.of("sub", "exp", Caller.TENANT, "roles")));
        verifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(verifier);
    }

    public static TokenVerifier remote(String jwksUrl, String audience, String issuer) {
        try {
            JWKSource<SecurityContext> source = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).build();
            return new TokenVerifier(source, audience, issuer);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Bad JWKS URL", e);
        }
    }

    public static TokenVerifier local(JWKSet publicKeys, String audience, String issuer) {
        return new TokenVerifier(new ImmutableJWKSet<>(publicKeys), audience, issuer);
    }

    /** The verified claims, or an exception saying why the token is refused. */
    public JWTClaimsSet verify(String token) throws InvalidTokenException {
        JWTClaimsSet known = verified.get(token);
        if (known != null) {
            if (stillValid(known, Instant.now())) {
                return known;
            }
            verified.remove(token);
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            // Issued in the future: a clock far off, or a token minted to outlive its intended lifetime.
            Date iat = claims.getIssueTime();
            if (iat != null && iat.toInstant().isAfter(Instant.now().plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
                throw new InvalidTokenException("Token issued in the future");
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(token, claims);
            return claims;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    /** The time checks DefaultJWTClaimsVerifier made when the token was first verified, made again now. */
    static boolean stillValid(JWTClaimsSet claims, Instant now) {
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        return exp != null && now.isBefore(exp.toInstant().plusSeconds(MAX_CLOCK_SKEW_SECONDS))
                && (nbf == null || !now.isBefore(nbf.toInstant().minusSeconds(MAX_CLOCK_SKEW_SECONDS)));
    }

    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
