package dk.gennemsyn.platform.security;

import com.nimbusds.jwt.JWTClaimsSet;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Token validation through the real HTTP pipeline. */
@MicronautTest(transactional = false)
class SecurityTest extends ServiceTest {

    @Inject @Client("/") HttpClient http;
    @Inject io.micronaut.runtime.server.EmbeddedServer server;

    @Override
    protected String service() {
        return "platform-test";
    }

    @Override
    protected Map<String, String> overrides() {
        return Map.of("gennemsyn.security.dev.enabled", "true");
    }

    int status(String token) {
        return Http.call(http.toBlocking(), HttpRequest.GET("/probes/whoami").bearerAuth(token)).status();
    }

    JWTClaimsSet.Builder valid() {
        return TestTokens.claims("0250", "projektleder");
    }

    @Test
    void aValidTokenIsAccepted() {
        assertThat(status(TestTokens.sign(valid().build()))).isEqualTo(200);
    }

    @Test
    void noTokenGets401AsProblemJson() {
        var r = Http.call(http.toBlocking(), HttpRequest.GET("/probes/whoami").accept(MediaType.APPLICATION_JSON));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains("urn:gennemsyn:problem:unauthorized").contains("Du er ikke logget ind");
    }

    @Test
    void expiredTokensAreRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        assertThat(status(TestTokens.sign(valid().expirationTime(Date.from(past)).build()))).isEqualTo(401);
    }

    @Test
    void notYetValidTokensAreRefused() {
        Instant future = Instant.now().plusSeconds(600);
        assertThat(status(TestTokens.sign(valid().notBeforeTime(Date.from(future)).build()))).isEqualTo(401);
    }

    @Test
    void tokensIssuedInTheFutureAreRefused() {
        assertThat(status(TestTokens.sign(valid().issueTime(Date.from(Instant.now().plusSeconds(600))).build()))).isEqualTo(401);
        // Within the clock skew a token is still good.
        assertThat(status(TestTokens.sign(valid().issueTime(Date.from(Instant.now().plusSeconds(10))).build()))).isEqualTo(200);
    }

    long sql(String query) {
        try (var c = java.sql.DriverManager.getConnection(getProperties().get("datasources.default.url"),
                getProperties().get("datasources.default.username"), getProperties().get("datasources.default.password"));
             var rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedOutTokenIsRefusedAtOnceAndTheOtherServicesAreTold() {
        String token = TestTokens.sign(valid().build());
        String otherSession = TestTokens.sign(valid().build());
        assertThat(status(token)).isEqualTo(200);
        String delivered = "select count(*) from inbox where event_type = 'gennemsyn.platform.v1.SessionEnded'";
        long before = sql(delivered);
        var out = Http.call(http.toBlocking(), HttpRequest.POST("/logout", "").contentType(MediaType.APPLICATION_FORM_URLENCODED).bearerAuth(token));
        assertThat(out.status()).isEqualTo(303);
        assertThat(status(token)).isEqualTo(401);
        assertThat(status(otherSession)).isEqualTo(200);
        // SessionEnded went out through the outbox: this service's own queue is bound to it, like every service's.
        dk.gennemsyn.testsupport.Eventually.await(java.time.Duration.ofSeconds(10), "SessionEnded delivered",
                () -> sql(delivered) == before + 1);
        assertThat(sql("select count(*) from ended_sessions")).isPositive();
        assertThat(sql("select count(*) from ended_sessions where token_id like '%" + token.substring(token.length() - 20) + "%'"))
                .as("the token itself is never stored").isZero();
        // Signing out again with the ended token changes nothing.
        assertThat(Http.call(http.toBlocking(), HttpRequest.POST("/logout", "").contentType(MediaType.APPLICATION_FORM_URLENCODED).bearerAuth(token)).status()).isEqualTo(303);
    }

    @Test
    void aSessionEndedInAnotherServiceIsRefusedHereWithinSeconds() throws Exception {
        var claims = valid().build();
        String token = TestTokens.sign(claims);
        assertThat(status(token)).isEqualTo(200);
        var ended = dk.gennemsyn.proto.platform.v1.SessionEnded.newBuilder().setTokenId("jti:" + claims.getJWTID())
                .setExpiresAt(com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(claims.getExpirationTime().toInstant().getEpochSecond())).build();
        dk.gennemsyn.testsupport.TestEvents.publish(getProperties(), 1, dk.gennemsyn.testsupport.TestEvents.envelope(
                "0250", java.util.UUID.randomUUID().toString(), claims.getSubject(), ended));
        long t0 = System.nanoTime();
        dk.gennemsyn.testsupport.Eventually.await(java.time.Duration.ofSeconds(10), "token refused", () -> status(token) == 401);
        System.out.printf("A session ended elsewhere was refused here after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void tokensSignedWithAnotherKeyAreRefused() {
        assertThat(status(TestTokens.signWithOtherKey(valid().build()))).isEqualTo(401);
    }

    @Test
    void unsignedTokensAreRefused() {
        assertThat(status(TestTokens.unsigned(valid().build()))).isEqualTo(401);
    }

    @Test
    void hmacTokensKeyedWithThePublicKeyAreRefused() {
        assertThat(status(TestTokens.hmacSigned(valid().build()))).isEqualTo(401);
    }

    @Test
    void tokensForAnotherAudienceAreRefused() {
        assertThat(status(TestTokens.sign(valid().audience("another-system").build()))).isEqualTo(401);
    }

    @Test
    void tokensWithoutAValidTenantAreRefused() {
        assertThat(status(TestTokens.sign(valid().claim("tenant", null).build()))).isEqualTo(401);
        assertThat(status(TestTokens.sign(valid().claim("tenant", "Halsnæs").build()))).isEqualTo(401);
    }

    @Test
    void theTokenIsAlsoReadFromTheSignInCookie() {
        var r = Http.call(http.toBlocking(), HttpRequest.GET("/probes/whoami")
                .cookie(Cookie.of("gennemsyn_token", TestTokens.token("0573", "tovholder"))));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"tenant\":\"0573\"");
    }

    @Test
    void externalAccessOutsideItsWindowIsForbidden() {
        long now = Instant.now().getEpochSecond();
        String expired = TestTokens.sign(TestTokens.claims("0250", "reviewer")
                .claim("access_from", now - 86400).claim("access_to", now - 60).build());
        String notYet = TestTokens.sign(TestTokens.claims("0250", "reviewer")
                .claim("access_from", now + 3600).claim("access_to", now + 86400).build());
        String inside = TestTokens.sign(TestTokens.claims("0250", "reviewer")
                .claim("access_from", now - 60).claim("access_to", now + 3600).build());
        assertThat(status(expired)).isEqualTo(403);
        assertThat(status(notYet)).isEqualTo(403);
        assertThat(status(inside)).isEqualTo(200);
    }

    @Test
    void aBrowserWithoutTokenIsSentToSignIn() {
        var r = Http.call(http.toBlocking(), HttpRequest.GET("/probes/page").accept(MediaType.TEXT_HTML));
        assertThat(r.status()).isIn(302, 303);
        assertThat(r.headers().get("Location")).endsWith("/login");
    }

    @Test
    void theDevSignInIssuesACookieThatSignsIn() {
        var page = Http.call(http.toBlocking(), HttpRequest.GET("/login").accept(MediaType.TEXT_HTML));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Halsnæs Kommune").contains("demo-0330-tovholder");

        var signIn = Http.call(http.toBlocking(), HttpRequest.POST("/login", "user=demo-0330-tovholder")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
        assertThat(signIn.status()).isEqualTo(303);
        String setCookie = signIn.headers().get("Set-Cookie");
        assertThat(setCookie).startsWith("gennemsyn_token=");
        assertThat(setCookie.toLowerCase()).contains("httponly").contains("path=/");
        String token = setCookie.substring("gennemsyn_token=".length(), setCookie.indexOf(';'));
        var who = Http.call(http.toBlocking(), HttpRequest.GET("/probes/whoami").bearerAuth(token));
        assertThat(who.body()).contains("\"tenant\":\"0330\"").contains("tovholder");

        // The shared layout shows who is signed in, in which municipality, and the five services.
        var probePage = Http.call(http.toBlocking(), HttpRequest.GET("/probes/page").accept(MediaType.TEXT_HTML)
                .cookie(Cookie.of("gennemsyn_token", token)));
        assertThat(probePage.status()).isEqualTo(200);
        assertThat(probePage.body()).contains("Tovholder (Slagelse)").contains("Slagelse Kommune")
                .contains("href=\"/intake/\"").contains("href=\"/reporting/\"").contains("lang=\"da\"");
    }

    int post(String name, Cookie session, String header, String value) {
        var req = HttpRequest.POST("/probes", Map.of("name", name, "weight", 1)).cookie(session);
        if (header != null) {
            req.header(header, value);
        }
        return Http.call(http.toBlocking(), req).status();
    }

    @Test
    void aChangeWithTheSignInCookieFromAnotherSiteIsRefused() {
        Cookie session = Cookie.of("gennemsyn_token", TestTokens.token("0250", "projektleder"));
        // A browser says where the request comes from; only our own origin may change anything.
        assertThat(post("csrf-1", session, "Sec-Fetch-Site", "cross-site")).isEqualTo(403);
        assertThat(post("csrf-2", session, "Sec-Fetch-Site", "same-site")).isEqualTo(403);
        assertThat(post("csrf-3", session, "Origin", "https://evil.example")).isEqualTo(403);
        assertThat(post("csrf-4", session, "Origin", "null")).isEqualTo(403);
        assertThat(post("csrf-5", session, null, null)).isEqualTo(403);
        var refused = Http.call(http.toBlocking(), HttpRequest.POST("/probes", Map.of("name", "csrf-6", "weight", 1))
                .cookie(session).header("Sec-Fetch-Site", "cross-site"));
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("urn:gennemsyn:problem:cross-site-request").contains("Gennemsyns egne sider");
        // Nothing was written by the refused requests.
        String names = http.toBlocking().retrieve(HttpRequest.GET("/probes").bearerAuth(session.getValue()));
        assertThat(names).doesNotContain("csrf-");

        assertThat(post("csrf-ok-1", session, "Sec-Fetch-Site", "same-origin")).isEqualTo(200);
        // Without Sec-Fetch-Site (older browsers), the Origin must be the configured public origin (scheme, host,
        // port), whatever Host or X-Forwarded-Host the client sends.
        assertThat(post("csrf-ok-3", session, "Origin", "http://localhost:8080")).isEqualTo(200);
        assertThat(post("csrf-ok-4", session, "Referer", "http://LOCALHOST:8080/intake/cases")).isEqualTo(200);
        assertThat(post("csrf-7", session, "Origin", "http://localhost:8080.evil.example")).isEqualTo(403);
        assertThat(post("csrf-8", session, "Origin", "https://localhost:8080")).as("another scheme").isEqualTo(403);
        assertThat(post("csrf-9", session, "Origin", "http://localhost:8081")).as("another port").isEqualTo(403);
        assertThat(post("csrf-10", session, "Origin", "http://localhost:" + server.getPort())).as("the Host proves nothing")
                .isEqualTo(403);
        var spoofed = Http.call(http.toBlocking(), HttpRequest.POST("/probes", Map.of("name", "csrf-11", "weight", 1))
                .cookie(session).header("Origin", "https://evil.example").header("X-Forwarded-Host", "evil.example"));
        assertThat(spoofed.status()).isEqualTo(403);
        // A bearer token is not a browser session: no origin needed.
        var bearer = Http.call(http.toBlocking(), HttpRequest.POST("/probes", Map.of("name", "csrf-ok-2", "weight", 1))
                .bearerAuth(session.getValue()));
        assertThat(bearer.status()).isEqualTo(200);
        // Reading with the cookie needs no origin either.
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/probes").cookie(session)).status()).isEqualTo(200);
    }
}
