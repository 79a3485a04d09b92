package dk.gennemsyn.platform.ops;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dk.gennemsyn.platform.events.Correlation;
import dk.gennemsyn.platform.events.RabbitBroker;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestTokens;
import dk.gennemsyn.proto.platform.v1.Envelope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics, correlation and trace context, the access log extract. */
@MicronautTest(transactional = false)
class OperationsTest extends ServiceTest {

    @Inject @Client("/") HttpClient http;
    @Inject RabbitBroker broker;

    @Override
    protected String service() {
        return "platform-test";
    }

    /** Health and metrics answer on the management port only (which the chart's Service and Ingress never route). */
    io.micronaut.http.client.BlockingHttpClient management() {
        return management.toBlocking();
    }

    @Inject @Client("http://localhost:${endpoints.all.port}") HttpClient management;

    @Test
    void livenessAndReadinessCoverDatabaseAndBrokerOnTheManagementPortOnly() {
        var ready = Http.call(management(), HttpRequest.GET("/health/readiness"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("UP");
        assertThat(Http.call(management(), HttpRequest.GET("/health/liveness")).status()).isEqualTo(200);
        for (String path : java.util.List.of("/health", "/health/readiness", "/health/liveness", "/prometheus")) {
            assertThat(Http.call(http.toBlocking(), HttpRequest.GET(path)).status()).as("public " + path)
                    .isIn(401, 404);
        }
    }

    @Test
    void responsesForbidCachingFramingAndForeignScripts() {
        var api = Http.call(http.toBlocking(), HttpRequest.GET("/probes").bearerAuth(TestTokens.token("0250", "projektleder")));
        assertThat(api.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(api.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.headers().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(api.headers().get("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(api.headers().get("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        var refused = Http.call(http.toBlocking(), HttpRequest.GET("/probes"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(refused.headers().get("X-Correlation-Id")).isNotBlank();
        var css = Http.call(http.toBlocking(), HttpRequest.GET("/static/gennemsyn.css"));
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.headers().get("Cache-Control")).isNotEqualTo("no-store");
    }

    @Test
    void noManagementEndpointButHealthAndMetricsExistEvenForASignedInUser() {
        for (String role : java.util.List.of("projektleder", "tenant-admin", "operator", "reviewer")) {
            String token = TestTokens.token("0250", role);
            for (String path : java.util.List.of("/beans", "/routes", "/threaddump", "/info", "/metrics", "/loggers", "/env",
                    "/caches", "/stop")) {
                var r = Http.call(http.toBlocking(), HttpRequest.GET(path).bearerAuth(token));
                assertThat(r.status()).as(role + " GET " + path).isEqualTo(404);
            }
            var refresh = Http.call(http.toBlocking(), HttpRequest.POST("/refresh", "{}").bearerAuth(token));
            assertThat(refresh.status()).as(role + " POST /refresh").isIn(404, 405);
        }
    }

    @Test
    void prometheusShowsRelayLagAndDeadLetterDepth() {
        var metrics = Http.call(management(), HttpRequest.GET("/prometheus"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("gennemsyn_outbox_lag_seconds").contains("gennemsyn_dead_letters_depth");
    }

    @Test
    void theCallersTraceContextAndCorrelationIdTravelIntoTheEvent() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        // A queue of our own on the exchange: the relay deletes the outbox row once sent, so read the message.
        Channel ch = broker.connection().createChannel();
        String queue = ch.queueDeclare().getQueue();
        try {
            ch.queueBind(queue, RabbitBroker.EXCHANGE, "gennemsyn.platform.v1.ProbeRecorded");
            var r = Http.call(http.toBlocking(), HttpRequest.POST("/probes", "{\"name\":\"traced\",\"weight\":1}")
                    .bearerAuth(TestTokens.token("0250", "projektleder"))
                    .header("traceparent", traceparent).header("X-Correlation-Id", "corr-12345678"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().get("X-Correlation-Id")).isEqualTo("corr-12345678");
            GetResponse message = null;
            Envelope e = null;
            for (long deadline = System.nanoTime() + 10_000_000_000L; e == null; Thread.sleep(50)) {
                assertThat(System.nanoTime()).as("the event on the broker within 10 s").isLessThan(deadline);
                GetResponse m = ch.basicGet(queue, true);
                Envelope candidate = m == null ? null : Envelope.parseFrom(m.getBody());
                if (candidate != null && candidate.getCorrelationId().equals("corr-12345678")) {
                    message = m;
                    e = candidate;
                }
            }
            assertThat(Correlation.traceId(e.getTraceparent())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(Correlation.traceId(message.getProps().getHeaders().get(Correlation.TRACEPARENT).toString()))
                    .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(e.getProducer()).isEqualTo("platform-test");
            assertThat(e.getTenant()).isEqualTo("0250");
            assertThat(e.getSchemaVersion()).isEqualTo(1);
        } finally {
            ch.queueDelete(queue);
            ch.close();
        }
    }

    @Inject dk.gennemsyn.platform.db.TenantTx tenantTx;

    @Test
    void logLinesCarryTheServiceTenantAndCorrelationIdAsJson() {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("probe-log");
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        try {
            org.slf4j.MDC.put(Correlation.CORRELATION_ID, "corr-log-1");
            tenantTx.write("0573", () -> logger.info("inside tenant work"));
            logger.info("outside tenant work");
        } finally {
            org.slf4j.MDC.clear();
            logger.detachAppender(appender);
        }
        var inside = appender.list.get(0);
        assertThat(inside.getMDCPropertyMap()).containsEntry("tenant", "0573").containsEntry("correlation_id", "corr-log-1");
        assertThat(appender.list.get(1).getMDCPropertyMap()).doesNotContainKey("tenant");
        // The configured encoder writes one JSON object per line with the MDC.
        var encoder = new ch.qos.logback.classic.encoder.JsonEncoder();
        encoder.setContext(logger.getLoggerContext());
        encoder.start();
        String json = new String(encoder.encode(inside), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"tenant\":\"0573\"").contains("\"correlation_id\":\"corr-log-1\"");
    }

    @Test
    void everyReadIsInTheAccessLogAndTheCaseExtractShowsWhoSawIt() {
        String reviewer = TestTokens.token("0250", "reviewer");
        String leader = TestTokens.token("0250", "validator");
        Http.call(http.toBlocking(), HttpRequest.GET("/probes/case-42/seen-by?purpose=vurdering").bearerAuth(reviewer));
        var extract = Http.call(http.toBlocking(), HttpRequest.GET("/probes/case-42/seen-by?purpose=indsigt").bearerAuth(leader));
        assertThat(extract.body()).contains("vurdering").contains("indsigt").contains("reviewer").contains("validator");
        // Another municipality's extract of the same id is empty of these reads.
        var other = Http.call(http.toBlocking(), HttpRequest.GET("/probes/case-42/seen-by").bearerAuth(TestTokens.token("0330", "validator")));
        assertThat(other.body()).doesNotContain("vurdering");
    }
}
