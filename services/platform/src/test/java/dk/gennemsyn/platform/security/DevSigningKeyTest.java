package dk.gennemsyn.platform.security;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The development signing key as a JWK (./dev.sh run) or as PEM (the development chart's Helm genPrivateKey, PKCS#1;
 * or PKCS#8): tokens it signs verify against the public key it publishes.
 */
class DevSigningKeyTest {

    @TempDir Path dir;

    @Test
    void aPemKeyInEitherFormatSignsTokensThatItsPublicKeyVerifies() throws Exception {
        for (List<String> format : List.of(List.of("-traditional"), List.<String>of())) {
            Path pem = dir.resolve("key" + format.size() + ".pem");
            var cmd = new java.util.ArrayList<>(List.of("openssl", "genrsa", "-out", pem.toString()));
            cmd.addAll(2, format);
            cmd.add("2048");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            String text = Files.readString(pem);
            assertThat(text).startsWith(format.isEmpty() ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN RSA PRIVATE KEY-----");

            DevSigningKey key = new DevSigningKey(text, "gennemsyn");
            String token = key.sign(new DemoUsers.DemoUser("demo-0250-projektleder", "Demo", "0250", "Halsnæs Kommune", "projektleder"),
                    Duration.ofMinutes(5));
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.verify(new RSASSAVerifier(key.publicKeys().getKeys().get(0).toRSAKey()))).isTrue();
            assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("gennemsyn");
        }
    }

    @Test
    void somethingElseIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new DevSigningKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", "x"))
                .hasMessageContaining("not an RSA private key");
        assertThatThrownBy(() -> new DevSigningKey("{\"kty\":\"oct\"}", "x")).hasMessageContaining("not an RSA JWK");
    }
}
