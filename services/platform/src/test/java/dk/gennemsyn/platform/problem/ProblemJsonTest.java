package dk.gennemsyn.platform.problem;

import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear problem+json, never a 500. */
@MicronautTest(transactional = false)
class ProblemJsonTest extends ServiceTest {

    @Inject @Client("/") HttpClient http;
    @Inject io.micronaut.runtime.server.EmbeddedServer server;
    final String token = TestTokens.token("0250", "projektleder");

    @Override
    protected String service() {
        return "platform-test";
    }

    Http.Result post(String body, String contentType) {
        return Http.call(http.toBlocking(), HttpRequest.POST("/probes", body).contentType(contentType).bearerAuth(token));
    }

    static void assertProblem(Http.Result r, int status, String slug) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"urn:gennemsyn:problem:" + slug + "\"").contains("\"status\":" + status);
    }

    @Test
    void aMissingRequiredFieldNamesTheFieldInDanish() {
        var r = post("{\"name\":\"\",\"weight\":1}", MediaType.APPLICATION_JSON);
        assertProblem(r, 400, "validation");
        assertThat(r.body()).contains("\"field\":\"name\"").contains("skal udfyldes");
    }

    @Test
    void aTooLongValueIsRefused() {
        var r = post("{\"name\":\"" + "x".repeat(41) + "\",\"weight\":1}", MediaType.APPLICATION_JSON);
        assertProblem(r, 400, "validation");
        assertThat(r.body()).contains("\"field\":\"name\"").contains("mellem 0 og 40 tegn");
    }

    @Test
    void aNegativeNumberIsRefused() {
        var r = post("{\"name\":\"ok\",\"weight\":-1}", MediaType.APPLICATION_JSON);
        assertProblem(r, 400, "validation");
        assertThat(r.body()).contains("\"field\":\"weight\"");
    }

    @Test
    void aCprNumberInAFreeTextFieldIsRefusedWithoutEchoingItAndNothingIsStored() {
        // Synthetic, built at run time: 14 March 2011, seventh digit 4.
        String number = java.time.LocalDate.of(2011, 3, 14).format(java.time.format.DateTimeFormatter.ofPattern("ddMMyy"))
                + "-4987";
        var r = post("{\"name\":\"cpr-probe\",\"weight\":1,\"note\":\"Barnet " + number + " bor hos mor\"}",
                MediaType.APPLICATION_JSON);
        assertProblem(r, 400, "validation");
        assertThat(r.body()).contains("\"field\":\"note\"").contains("CPR-nummer").doesNotContain(number)
                .doesNotContain(number.replace("-", ""));
        var list = Http.call(http.toBlocking(), HttpRequest.GET("/probes").bearerAuth(token));
        assertThat(list.body()).doesNotContain("cpr-probe");
        var ok = post("{\"name\":\"journal-probe\",\"weight\":1,\"note\":\"Journalnr. 27.24.04-G01-1-18, tlf. 12345678\"}",
                MediaType.APPLICATION_JSON);
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void aStaleUpdateIsRefusedWith412AndAnUpdateWithoutVersionWith428() {
        post("{\"name\":\"versioned\",\"weight\":1}", MediaType.APPLICATION_JSON);
        var read = Http.call(http.toBlocking(), HttpRequest.GET("/probes/by-name/versioned").bearerAuth(token));
        String etag = read.headers().get("ETag");
        assertThat(etag).isEqualTo("\"v0\"");

        var first = Http.call(http.toBlocking(), HttpRequest.PUT("/probes/by-name/versioned", "{\"name\":\"versioned-2\"}")
                .contentType(MediaType.APPLICATION_JSON).header("If-Match", etag).bearerAuth(token));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().get("ETag")).isEqualTo("\"v1\"");

        // A second writer who also read v0 must not overwrite the first one's change.
        var stale = Http.call(http.toBlocking(), HttpRequest.PUT("/probes/by-name/versioned-2", "{\"name\":\"lost-update\"}")
                .contentType(MediaType.APPLICATION_JSON).header("If-Match", etag).bearerAuth(token));
        assertProblem(stale, 412, "precondition-failed");
        var missing = Http.call(http.toBlocking(), HttpRequest.PUT("/probes/by-name/versioned-2", "{\"name\":\"lost-update\"}")
                .contentType(MediaType.APPLICATION_JSON).bearerAuth(token));
        assertProblem(missing, 428, "precondition-required");
        var names = Http.call(http.toBlocking(), HttpRequest.GET("/probes").bearerAuth(token)).body();
        assertThat(names).contains("versioned-2").doesNotContain("lost-update");
    }

    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
        post("{\"name\":\"raced\",\"weight\":1}", MediaType.APPLICATION_JSON);
        String etag = Http.call(http.toBlocking(), HttpRequest.GET("/probes/by-name/raced").bearerAuth(token))
                .headers().get("ETag");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        var start = new java.util.concurrent.CountDownLatch(1);
        var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int i = 0; i < 10; i++) {
            String newName = "raced-by-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return Http.call(http.toBlocking(), HttpRequest.PUT("/probes/by-name/raced", "{\"name\":\"" + newName + "\"}")
                        .contentType(MediaType.APPLICATION_JSON).header("If-Match", etag).bearerAuth(token)).status();
            }));
        }
        start.countDown();
        var statuses = new java.util.ArrayList<Integer>();
        for (var f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        // The losers are refused: stale version (412), lost the race at the write (409), or the winner's rename
        // came first (404). None of them is applied.
        assertThat(statuses).allMatch(s -> s == 200 || s == 412 || s == 409 || s == 404);
        String names = Http.call(http.toBlocking(), HttpRequest.GET("/probes").bearerAuth(token)).body();
        assertThat(names.split("raced-by-", -1)).hasSize(2);
    }

    @Test
    void brokenJsonIsA400() {
        assertProblem(post("{\"name\": \"unterminated", MediaType.APPLICATION_JSON), 400, "bad-request");
    }

    @Test
    void aWrongTypeIsA400() {
        var r = post("{\"name\":\"ok\",\"weight\":\"heavy\"}", MediaType.APPLICATION_JSON);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnsupportedMediaTypeIsA415() {
        assertProblem(post("name=ok", MediaType.TEXT_PLAIN), 415, "unsupported-media-type");
    }

    @Test
    void anUnknownPathIsA404() {
        var r = Http.call(http.toBlocking(), HttpRequest.GET("/no-such-thing").bearerAuth(token));
        assertProblem(r, 404, "not-found");
        assertThat(r.body()).contains("findes ikke");
    }

    @Test
    void aWrongMethodIsA405() {
        var r = Http.call(http.toBlocking(), HttpRequest.DELETE("/probes").bearerAuth(token));
        assertProblem(r, 405, "method-not-allowed");
    }

    @Test
    void aPageWhoseTemplateFailsAnswersAt500InsteadOfHanging() throws Exception {
        // java.net.http with a timeout: a hung response fails the test instead of blocking it.
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL() + "/probes/broken-page"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/html")
                .timeout(java.time.Duration.ofSeconds(10)).build();
        var r = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("Der skete en fejl hos os").doesNotContain("missing.field");
    }

    /** What a browser sends when navigating: HTML first, anything after. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void aBrowserGetsADanishPageWithAWayBackInsteadOfProblemJson() {
        var missing = Http.call(http.toBlocking(), HttpRequest.GET("/no-such-page").bearerAuth(token)
                .header("Accept", BROWSER_ACCEPT));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("text/html");
        assertThat(missing.body()).contains("<html lang=\"da\">").contains("Findes ikke").contains("Siden findes ikke")
                .contains("id=\"error-back\"").doesNotContain("urn:gennemsyn:problem").doesNotContain("\"status\"");

        // A form post the page did not catch (a bad value): the Danish detail, and what happens to the input.
        var bad = Http.call(http.toBlocking(), HttpRequest.POST("/probes/form", "name=&weight=1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bearerAuth(token).header("Accept", BROWSER_ACCEPT)
                .header("Referer", server.getURL() + "/probes/page?x=1").header("Host", server.getHost() + ":" + server.getPort()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("skal udfyldes").contains("tilbage-knap")
                .contains("href=\"/probes/page?x=1\"").doesNotContain("urn:gennemsyn:problem");

        // A referrer from another site is never the way back.
        var foreign = Http.call(http.toBlocking(), HttpRequest.GET("/no-such-page").bearerAuth(token)
                .header("Accept", BROWSER_ACCEPT).header("Referer", "https://evil.example/x"));
        assertThat(foreign.body()).doesNotContain("evil.example");

        // The same failures to an API client stay problem+json.
        assertProblem(Http.call(http.toBlocking(), HttpRequest.GET("/no-such-page").bearerAuth(token)), 404, "not-found");
    }

    @Test
    void aControlCharacterInAJsonStringOrAFormFieldIsA400NamingTheFieldAndNothingIsStored() {
        for (String escape : new String[]{"\\u0000", "\\u0001", "\\u001B", "\\b", "\\f"}) {
            var r = post("{\"name\":\"ctl-json\",\"weight\":1,\"note\":\"før" + escape + "efter\"}", MediaType.APPLICATION_JSON);
            assertProblem(r, 400, "validation");
            assertThat(r.body()).as(escape).contains("\"field\":\"note\"").contains("kontroltegn");
        }
        for (String encoded : new String[]{"%00", "%01", "%1b", "%1F"}) {
            var r = Http.call(http.toBlocking(), HttpRequest.POST("/probes/form", "name=ctl-form&weight=1&note=f%C3%B8r"
                    + encoded + "efter").contentType(MediaType.APPLICATION_FORM_URLENCODED).bearerAuth(token));
            assertProblem(r, 400, "validation");
            assertThat(r.body()).as(encoded).contains("\"field\":\"note\"");
        }
        var raw = Http.call(http.toBlocking(), HttpRequest.POST("/probes/form", "name=ctl\u0007form&weight=1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bearerAuth(token));
        assertProblem(raw, 400, "validation");
        assertThat(raw.body()).contains("\"field\":\"name\"");
        String names = Http.call(http.toBlocking(), HttpRequest.GET("/probes").bearerAuth(token)).body();
        assertThat(names).doesNotContain("ctl-");
        // Tabs and line breaks are text; an escaped backslash before "u0001" is not a control character.
        assertThat(post("{\"name\":\"ctl-ok\",\"weight\":1,\"note\":\"a\\tb\\r\\nc \\\\u0001\"}",
                MediaType.APPLICATION_JSON).status()).isEqualTo(200);
        assertThat(Http.call(http.toBlocking(), HttpRequest.POST("/probes/form", "name=ctl-form-ok&weight=1&note=a%09b%0D%0Ac")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bearerAuth(token)).status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemNamingTheLimitBeforeItIsRead() throws Exception {
        String big = "{\"name\":\"big\",\"weight\":1,\"note\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        var r = post(big, MediaType.APPLICATION_JSON);
        assertProblem(r, 413, "too-large");
        assertThat(r.body()).contains("1 MB");
        // A body that does not announce its size (chunked) is bounded by the server's own limit.
        var con = (java.net.HttpURLConnection) java.net.URI.create(server.getURL() + "/probes").toURL().openConnection();
        con.setRequestMethod("POST");
        con.setDoOutput(true);
        con.setChunkedStreamingMode(8192);
        con.setRequestProperty("Content-Type", "application/json");
        // An API client; HttpURLConnection's default Accept lists text/html first, as a browser's does.
        con.setRequestProperty("Accept", "application/json");
        con.setRequestProperty("Authorization", "Bearer " + token);
        int status;
        try (var out = con.getOutputStream()) {
            out.write(big.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            status = con.getResponseCode();
        } catch (java.io.IOException e) {
            status = con.getResponseCode(); // the server may answer and close before the whole body is sent
        }
        assertThat(status).isEqualTo(413);
        assertThat(con.getContentType()).startsWith("application/problem+json");
        // The service keeps serving.
        assertThat(post("{\"name\":\"after-big\",\"weight\":1}", MediaType.APPLICATION_JSON).status()).isEqualTo(200);
    }
}
