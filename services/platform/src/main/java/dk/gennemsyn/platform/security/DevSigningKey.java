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

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Base64;
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

    /**
     * An RSA JWK, or an RSA private key in PEM (PKCS#1 "RSA PRIVATE KEY", as Helm's genPrivateKey makes it for the
     * development chart, or PKCS#8 "PRIVATE KEY").
     */
    static RSAKey parse(String key) {
        String trimmed = key.trim();
        if (trimmed.startsWith("-----BEGIN")) {
            return fromPem(trimmed);
        }
        try {
            return RSAKey.parse(trimmed);
        } catch (ParseException e) {
            throw new IllegalStateException("The dev signing key is not an RSA JWK", e);
        }
    }

    private static RSAKey fromPem(String pem) {
        boolean pkcs1 = pem.startsWith("-----BEGIN RSA PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        try {
            var factory = KeyFactory.getInstance("RSA");
            var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
            var publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("The dev signing key is not an RSA private key", e);
        }
    }

    /** PKCS#1 RSAPrivateKey wrapped as PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as an octet string). */
    private static byte[] pkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[3 + algorithm.length + octets.length];
        body[0] = 0x02;
        body[1] = 0x01;
        body[2] = 0x00;
        System.arraycopy(algorithm, 0, body, 3, algorithm.length);
        System.arraycopy(octets, 0, body, 3 + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }
}
