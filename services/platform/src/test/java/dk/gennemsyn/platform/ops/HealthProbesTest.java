package dk.gennemsyn.platform.ops;

import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TcpProxy;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chart's probes see (docs/deploy.md): readiness follows the database only, because the outbox absorbs a
 * broker outage; liveness follows neither, so an outage never restarts a pod. Both the database and the broker are
 * reached through TCP proxies that the test cuts.
 */
@MicronautTest(transactional = false)
class HealthProbesTest extends ServiceTest {

    TcpProxy db;
    TcpProxy broker;

    @Inject @Client("http://localhost:${endpoints.all.port}") HttpClient management;

    @Override
    protected String service() {
        return "platform-test";
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        if (db == null) {
            db = TcpProxy.forDatabase(p);
            broker = TcpProxy.forBroker(p);
        }
        return p;
    }

    @AfterEach
    void restore() {
        db.restore();
        broker.restore();
    }

    @AfterAll
    void close() {
        db.close();
        broker.close();
    }

    @Test
    void aBrokerOutageLeavesThePodReadyAndShowsInTheConnectionMetric() {
        Eventually.await(Duration.ofSeconds(20), "connected to the broker", () -> connectedMetric().equals("1.0"));
        broker.cut();
        Eventually.await(Duration.ofSeconds(20), "the broker connection to be noticed lost",
                () -> connectedMetric().equals("0.0"));
        assertThat(status("/health/readiness")).isEqualTo(200);
        assertThat(status("/health/liveness")).isEqualTo(200);
        broker.restore();
        Eventually.await(Duration.ofSeconds(30), "reconnected", () -> connectedMetric().equals("1.0"));
    }

    @Test
    void aDatabaseOutageTakesThePodOutOfServiceWithoutFailingLiveness() {
        assertThat(status("/health/readiness")).isEqualTo(200);
        db.cut();
        assertThat(status("/health/readiness")).isEqualTo(503);
        assertThat(status("/health/liveness")).isEqualTo(200);
        db.restore();
        Eventually.await(Duration.ofSeconds(20), "ready again", () -> status("/health/readiness") == 200);
    }

    int status(String path) {
        return Http.call(blocking(), HttpRequest.GET(path)).status();
    }

    String connectedMetric() {
        String body = Http.call(blocking(), HttpRequest.GET("/prometheus")).body();
        return body.lines().filter(l -> l.startsWith("gennemsyn_rabbitmq_connected"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).findFirst().orElse("missing");
    }

    BlockingHttpClient blocking() {
        return management.toBlocking();
    }
}
