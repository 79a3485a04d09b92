package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.probe.Gates;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Past gennemsyn.limits.in-flight an instance answers 503 at once instead of queueing without bound (issue 18). */
@MicronautTest(transactional = false)
@Property(name = "gennemsyn.limits.in-flight", value = "3")
@Property(name = "micronaut.server.context-path", value = LoadSheddingTest.PREFIX) // as every service has one
class LoadSheddingTest extends ServiceTest {

    static final String PREFIX = "/platform";

    @Inject EmbeddedServer server;
    @Inject @io.micronaut.http.client.annotation.Client("http://localhost:${endpoints.all.port}")
    io.micronaut.http.client.HttpClient management;
    @Inject LoadShedFilter filter;
    final String token = TestTokens.token("0250", "projektleder");
    final HttpClient client = HttpClient.newHttpClient();

    @Override
    protected String service() {
        return "platform-test";
    }

    HttpRequest get(String path, String accept, boolean signedIn) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURI() + PREFIX + path)).header("Accept", accept);
        return (signedIn ? b.header("Authorization", "Bearer " + token) : b).build();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pastTheLimitARequestIsAnswered503AtOnceAndEveryAdmittedOneCountsDownWhenAnswered() throws Exception {
        String gate = UUID.randomUUID().toString();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(client.sendAsync(get("/probes/held/" + gate, "application/json", true),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Eventually.await(Duration.ofSeconds(10), "three requests in flight", () -> filter.inFlight() == 3);

        long t0 = System.nanoTime();
        HttpResponse<String> json = send(get("/probes", "application/json", true));
        assertThat(json.statusCode()).isEqualTo(503);
        assertThat(json.headers().firstValue("Retry-After")).contains("1");
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.body()).contains("\"type\":\"urn:gennemsyn:problem:overloaded\"").contains("travlt");
        HttpResponse<String> page = send(get("/probes", "text/html", true));
        assertThat((System.nanoTime() - t0) / 1_000_000).as("answered at once, not after the held ones").isLessThan(5_000);
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<html").contains("travlt");
        // The chart's probes and Prometheus are never shed: a busy instance is alive, and its figures matter then.
        for (String probe : List.of("/health/liveness", "/health/readiness", "/prometheus")) {
            assertThat(dk.gennemsyn.testsupport.Http.call(management.toBlocking(),
                    io.micronaut.http.HttpRequest.GET(PREFIX + probe)).status()).as(probe).isEqualTo(200);
        }
        assertThat(filter.inFlight()).isEqualTo(3);

        Gates.open(gate);
        for (CompletableFuture<HttpResponse<String>> f : held) {
            HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("released");
        }
        Eventually.await(Duration.ofSeconds(10), "nothing in flight", () -> filter.inFlight() == 0);

        // Answers that are refusals or errors count down too: else the instance would shed everything in the end.
        for (int i = 0; i < 5; i++) {
            assertThat(send(get("/probes/no/such/page", "application/json", true)).statusCode()).isEqualTo(404);
            assertThat(send(get("/probes", "application/json", false)).statusCode()).isEqualTo(401);
            assertThat(send(get("/probes/by-name/" + "x".repeat(5), "application/json", true)).statusCode())
                    .isIn(404, 200);
        }
        Eventually.await(Duration.ofSeconds(10), "nothing in flight after refusals", () -> filter.inFlight() == 0);
        assertThat(send(get("/probes", "application/json", true)).statusCode()).isEqualTo(200);
    }
}
