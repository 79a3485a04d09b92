package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class KnownCasesTest extends ServiceTest {

    @Inject KnownCases knownCases;
    @Inject @Client("/") HttpClient http;
    @Inject io.micrometer.core.instrument.MeterRegistry meters;

    @Override
    protected String service() {
        return "assessment";
    }

    @Test
    void assessmentKeepsItsOwnCopyOfRegisteredCasesOncePerCaseAtItsNewestVersion() throws Exception {
        // A case's version 1, delivered twice: the second copy is caught by the inbox (counted, not applied).
        String caseId = UUID.randomUUID().toString();
        double duplicatesBefore = meters.counter("gennemsyn.events.duplicates").count();
        var e = TestEvents.envelope("0250", UUID.randomUUID().toString(), caseId, CaseUpdated.newBuilder()
                .setCaseId(caseId).setAlias("Sag 12").setCaseType("anbringelse").setVersion(1).build());
        TestEvents.publish(getProperties(), 2, e);
        Eventually.await(Duration.ofSeconds(10), "the case copied and its copy skipped",
                () -> knownCases.aliases("0250").contains("Sag 12")
                        && meters.counter("gennemsyn.events.duplicates").count() - duplicatesBefore == 1);
        // An older version arriving late (another event) changes nothing; a second case after it is the signal that
        // it was handled (one consumer, in order).
        TestEvents.publish(getProperties(), 1, TestEvents.envelope("0250", UUID.randomUUID().toString(), caseId,
                CaseUpdated.newBuilder().setCaseId(caseId).setAlias("Sag 12 (gammel)").setCaseType("anbringelse")
                        .setVersion(0).build()));
        TestEvents.publish(getProperties(), 1, TestEvents.envelope("0250", UUID.randomUUID().toString(), "c2",
                CaseUpdated.newBuilder().setCaseId(UUID.randomUUID().toString()).setAlias("Sag 13")
                        .setCaseType("forebyggende").setVersion(0).build()));
        Eventually.await(Duration.ofSeconds(10), "the second case copied", () -> knownCases.aliases("0250").contains("Sag 13"));
        assertThat(knownCases.aliases("0250")).isEqualTo(List.of("Sag 12", "Sag 13"));
        assertThat(knownCases.aliases("0330")).isEmpty();
        var page = Http.call(http.toBlocking(), HttpRequest.GET("/assessment/").accept(MediaType.TEXT_HTML)
                .cookie(Cookie.of("gennemsyn_token", TestTokens.token("0250", "projektleder"))));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"known-cases\">2<");
        // A reviewer sees only their own work list, not how many cases the municipality has.
        var reviewer = Http.call(http.toBlocking(), HttpRequest.GET("/assessment/").accept(MediaType.TEXT_HTML)
                .cookie(Cookie.of("gennemsyn_token", TestTokens.token("0250", "reviewer"))));
        assertThat(reviewer.body()).contains("Mine sager").doesNotContain("known-cases");
    }
}
