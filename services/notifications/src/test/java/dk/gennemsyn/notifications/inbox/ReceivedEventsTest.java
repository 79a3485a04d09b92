package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ReceivedEventsTest extends ServiceTest {

    @Inject @Client("/") HttpClient http;

    @Override
    protected String service() {
        return "notifications";
    }

    String received(String tenant) {
        return Http.call(http.toBlocking(), HttpRequest.GET("/notifications/api/received-events")
                .bearerAuth(TestTokens.token(tenant, "tovholder"))).body();
    }

    @Test
    void aRegisteredCaseIsRecordedOnceForItsTenantOnly() throws Exception {
        var e = TestEvents.envelope("0573", UUID.randomUUID().toString(), "c1", CaseRegistered.newBuilder()
                .setCaseId(UUID.randomUUID().toString()).setAlias("Sag 7").setCaseType("anbringelse").build());
        TestEvents.publish(getProperties(), 2, e);
        Eventually.await(Duration.ofSeconds(10), "the event recorded", () -> received("0573").contains("Sag 7"));
        Thread.sleep(500);
        assertThat(received("0573").split("Ny sag registreret: Sag 7", -1)).hasSize(2);
        assertThat(received("0250")).isEqualTo("[]");
    }

    @Test
    void anUrgentConcernFromAssessmentIsRecordedOnce() throws Exception {
        var e = TestEvents.envelope("0573", UUID.randomUUID().toString(), "c2",
                dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised.newBuilder().setFindingId(UUID.randomUUID().toString())
                        .setCaseId(UUID.randomUUID().toString()).setAlias("Sag 9").setRaisedBy("r1").build());
        TestEvents.publish(getProperties(), 2, e);
        Eventually.await(Duration.ofSeconds(10), "the concern recorded", () -> received("0573").contains("Sag 9"));
        Thread.sleep(500);
        assertThat(received("0573").split("AKUT: bekymring for barnet i Sag 9", -1)).hasSize(2);
    }
}
