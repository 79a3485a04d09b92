package dk.gennemsyn.platform.db;

import dk.gennemsyn.platform.events.DeadLetters;
import dk.gennemsyn.platform.probe.Probes;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TcpProxy;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's database goes away (every connection dropped, new ones refused, through a TCP proxy) and comes
 * back: requests meanwhile get 503 with Retry-After, never 500, and events that arrive meanwhile wait in the
 * consumer and are applied once it is back, none spending its delivery attempts into the dead letters.
 */
@MicronautTest(transactional = false)
class DatabaseOutageTest extends ServiceTest {

    static final String A = "0250";

    @Inject TenantTx tenantTx;
    @Inject Probes probes;
    @Inject DeadLetters deadLetters;
    @Inject MeterRegistry meters;
    @Inject @Client("/") HttpClient http;

    TcpProxy proxy;

    @Override
    protected String service() {
        return "platform-test";
    }

    /** The datasource reaches PostgreSQL only through the proxy; a request waits at most 1 s for a connection. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        if (proxy == null) {
            proxy = TcpProxy.forDatabase(p);
        }
        return p;
    }

    @AfterEach
    void restore() {
        proxy.restore();
    }

    @AfterAll
    void closeProxy() {
        proxy.close();
    }

    @Test
    void eventsArrivingWhileTheDatabaseIsDownAreAppliedOnceItIsBackAndNoneIsDeadLettered() throws Exception {
        long deadBefore = deadLetters.depth();
        double waitsBefore = meters.counter("gennemsyn.events.database_waits").count();
        int n = 60;
        var envelopes = IntStream.range(0, n).mapToObj(i -> TestEvents.envelope(A, UUID.randomUUID().toString(),
                "outage-" + i, ProbeRecorded.newBuilder().setProbeId("outage-" + i).build())).toList();

        proxy.cut();
        TestEvents.publish(getProperties(), 1, envelopes.toArray(new dk.gennemsyn.proto.platform.v1.Envelope[0]));
        Eventually.await(Duration.ofSeconds(10), "the consumer to find the database gone",
                () -> meters.counter("gennemsyn.events.database_waits").count() > waitsBefore);
        // More waits than the five delivery attempts: had each wait spent one, they would be gone by now.
        Eventually.await(Duration.ofSeconds(30), "the consumer to have waited more than five times",
                () -> meters.counter("gennemsyn.events.database_waits").count() - waitsBefore > 5);
        assertThat(deadLetters.depth()).isEqualTo(deadBefore);

        proxy.restore();
        Eventually.await(Duration.ofSeconds(30), "every event applied after the outage",
                () -> received().stream().filter(r -> r.startsWith("outage-")).count() == n);
        // A later probe handled: anything requeued before it (a second copy) has been delivered by now.
        TestEvents.publish(getProperties(), 1, TestEvents.envelope(A, UUID.randomUUID().toString(), "outage-barrier",
                ProbeRecorded.newBuilder().setProbeId("barrier-after-outage").build()));
        Eventually.await(Duration.ofSeconds(10), "the later probe", () -> received().contains("barrier-after-outage"));
        assertThat(received().stream().filter(r -> r.startsWith("outage-"))).hasSize(n).doesNotHaveDuplicates();
        assertThat(deadLetters.depth()).isEqualTo(deadBefore);
    }

    @Test
    void aWriteWhileTheDatabaseIsDownIsAnswered503WithRetryAfterAndWorksAfterwards() {
        String token = TestTokens.token(A, "projektleder");
        proxy.cut();
        var api = Http.call(http.toBlocking(), HttpRequest.POST("/probes", Map.of("name", "during-outage", "weight", 1))
                .bearerAuth(token));
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.headers().get("Retry-After")).isEqualTo("5");
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.body()).contains("urn:gennemsyn:problem:unavailable").contains("Intet er gemt");

        var page = Http.call(http.toBlocking(), HttpRequest.GET("/probes/page").bearerAuth(token)
                .accept(MediaType.TEXT_HTML_TYPE, MediaType.APPLICATION_JSON_TYPE));
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.headers().get("Retry-After")).isEqualTo("5");
        assertThat(page.body()).contains("<html lang=\"da\">").contains("midlertidigt utilgængelig")
                .doesNotContain("Exception");

        proxy.restore();
        Eventually.await(Duration.ofSeconds(20), "the write to succeed once the database is back",
                () -> Http.call(http.toBlocking(), HttpRequest.POST("/probes", Map.of("name", "after-outage", "weight", 1))
                        .bearerAuth(token)).status() == 200);
        assertThat(tenantTx.read(A, probes::names)).contains("after-outage").doesNotContain("during-outage");
    }

    List<String> received() {
        try {
            return tenantTx.read(A, probes::received);
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
