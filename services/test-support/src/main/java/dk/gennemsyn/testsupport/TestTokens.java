package dk.gennemsyn.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signs test tokens with a key the test contexts trust, and builds the bad tokens the tests refuse. */
public final class TestTokens {

    public static final String AUDIENCE = "gennemsyn";
    private static final RSAKey KEY = generate("test-key");
    private static final RSAKey OTHER_KEY = generate("test-key");

    private TestTokens() {
    }

    public static Map<String, String> properties() {
        return Map.of(
                "gennemsyn.security.jwks", new JWKSet(KEY.toPublicJWK()).toString(),
                "gennemsyn.security.dev.signing-jwk", KEY.toJSONString(),
                "gennemsyn.security.audience", AUDIENCE);
    }

    public static String token(String tenant, String... roles) {
        return sign(claims(tenant, roles).build(), KEY);
    }

    public static JWTClaimsSet.Builder claims(String tenant, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject("user-" + tenant + "-" + String.join("-", roles))
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
                .jwtID(UUID.randomUUID().toString())
                .claim("tenant", tenant)
                .claim("name", "Testbruger " + tenant)
                .claim("roles", List.of(roles));
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEY);
    }

    public static String signWithOtherKey(JWTClaimsSet claims) {
        return sign(claims, OTHER_KEY);
    }

    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** HS256 keyed with the public key's modulus: the classic algorithm-confusion attack. */
    public static String hmacSigned(JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(KEY.toPublicJWK().getModulus().decode()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
