package dk.gennemsyn.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dk.gennemsyn.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier remembers verified tokens, but never lets the memory accept what a fresh check would refuse. */
class TokenVerifierTest {

    final TokenVerifier verifier = TokenVerifier.local(keys(), TestTokens.AUDIENCE, null);

    @Test
    void aRememberedTokenGivesTheSameClaims() throws Exception {
        String token = TestTokens.sign(TestTokens.claims("0250", "reviewer").build());
        JWTClaimsSet first = verifier.verify(token);
        assertThat(verifier.verify(token)).isSameAs(first);
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsStillRefused() throws Exception {
        String token = TestTokens.sign(TestTokens.claims("0250", "reviewer").build());
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + TestTokens.unsigned(TestTokens.claims("0330", "reviewer").build()).split("\\.")[1]
                + "." + parts[2];
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(TokenVerifier.InvalidTokenException.class);
        String otherKey = TestTokens.signWithOtherKey(TestTokens.claims("0250", "reviewer").build());
        assertThatThrownBy(() -> verifier.verify(otherKey)).isInstanceOf(TokenVerifier.InvalidTokenException.class);
    }

    @Test
    void aRememberedTokenExpiresAsAFreshCheckWould() {
        Instant exp = Instant.parse("2026-12-05T10:00:00Z");
        JWTClaimsSet claims = new JWTClaimsSet.Builder().expirationTime(Date.from(exp))
                .notBeforeTime(Date.from(exp.minusSeconds(3600))).build();
        assertThat(TokenVerifier.stillValid(claims, exp.minusSeconds(1))).isTrue();
        assertThat(TokenVerifier.stillValid(claims, exp.plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS - 1))).isTrue();
        assertThat(TokenVerifier.stillValid(claims, exp.plusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS))).isFalse();
        assertThat(TokenVerifier.stillValid(claims, exp.minusSeconds(3600 + TokenVerifier.MAX_CLOCK_SKEW_SECONDS + 1)))
                .isFalse();
        assertThat(TokenVerifier.stillValid(new JWTClaimsSet.Builder().build(), exp)).isFalse();
    }

    @Test
    void anExpiredTokenIsRefusedEvenAfterItWasOnceAccepted() throws Exception {
        Instant now = Instant.now();
        // Expired 28 s ago: inside the 30 s clock skew, so accepted now; 2.5 s later it is past it.
        String token = TestTokens.sign(TestTokens.claims("0250", "reviewer")
                .expirationTime(Date.from(now.minusSeconds(TokenVerifier.MAX_CLOCK_SKEW_SECONDS - 2))).build());
        verifier.verify(token);
        Thread.sleep(2_500); // time itself is what is tested: the verifier reads the real clock, as in production
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenVerifier.InvalidTokenException.class);
    }

    private static JWKSet keys() {
        try {
            return JWKSet.parse(TestTokens.properties().get("gennemsyn.security.jwks"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
