package dk.gennemsyn.testsupport;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the service's own OpenAPI document, called with malformed input by a caller holding every
 * role: each answer is 2xx-4xx, never 5xx or a dropped connection, and the service is healthy afterwards. A
 * service's subclass only adds {@code @MicronautTest} and its name.
 */
public abstract class OpenApiFuzzTest extends ServiceTest {

    @Inject EmbeddedServer server;

    /** The URL prefix of the service (its context path), e.g. "/intake". */
    protected abstract String prefix();

    @Test
    void everyOperationAnswersMalformedInputWithA4xxAndTheServiceStaysHealthy() throws Exception {
        String document = "META-INF/swagger/" + service() + "-1.0.0.yml";
        OpenApiFuzz.Report report;
        try (InputStream yaml = getClass().getClassLoader().getResourceAsStream(document)) {
            assertThat(yaml).as(document).isNotNull();
            String token = TestTokens.token("0250", "projektleder", "tovholder", "styregruppe", "reviewer",
                    "validator", "tenant-admin");
            report = OpenApiFuzz.run("localhost", server.getPort(), token, yaml);
        }
        System.out.printf("OpenAPI fuzz %s: %d operations, %d requests, by status class %s%n",
                service(), report.operations(), report.requests(), report.byStatusClass());

        assertThat(report.operations()).as("operations in the document").isGreaterThan(5);
        assertThat(report.byStatusClass().getOrDefault(4, 0)).as("malformed input refused").isGreaterThan(
                report.requests() / 2);
        assertThat(report.findings()).as("5xx or dropped connections").isEmpty();

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> longUrl = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + server.getPort() + prefix() + "/api?q=" + "a".repeat(10_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(longUrl.statusCode()).as("an over-long address").isEqualTo(414);
        assertThat(longUrl.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(longUrl.body()).contains("Adressen (URL'en) er for lang");

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + getProperties().get("endpoints.all.port") + prefix() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("health after the fuzz: " + health.body()).isEqualTo(200);
    }
}
