package dk.gennemsyn.reporting.cases;

import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The registered-cases read model, fed through the real broker. */
@MicronautTest(transactional = false)
class CaseCountsTest extends ServiceTest {

    @Inject @Client("/") HttpClient http;

    @Override
    protected String service() {
        return "reporting";
    }

    String counts(String tenant) {
        return Http.call(http.toBlocking(), HttpRequest.GET("/reporting/api/case-counts")
                .bearerAuth(TestTokens.token(tenant, "styregruppe"))).body();
    }

    static CaseRegistered registered(String alias, String type) {
        return CaseRegistered.newBuilder().setCaseId(UUID.randomUUID().toString()).setAlias(alias).setCaseType(type).build();
    }

    @Test
    void eachCaseIsCountedOnceEvenWhenItsEventArrivesThreeTimes() {
        var first = TestEvents.envelope("0330", UUID.randomUUID().toString(), "c1", registered("Sag 1", "anbringelse"));
        var second = TestEvents.envelope("0330", UUID.randomUUID().toString(), "c2", registered("Sag 2", "anbringelse"));
        var third = TestEvents.envelope("0330", UUID.randomUUID().toString(), "c3", registered("Sag 3", "forebyggende"));
        TestEvents.publish(getProperties(), 3, first, second, third);
        Eventually.await(Duration.ofSeconds(10), "the counts", () -> counts("0330").contains("forebyggende"));
        try {
            Thread.sleep(500); // let every duplicate be delivered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(counts("0330")).isEqualTo(
                "[{\"caseType\":\"anbringelse\",\"cases\":2},{\"caseType\":\"forebyggende\",\"cases\":1}]");
        assertThat(counts("0250")).isEqualTo("[]");

        var page = Http.call(http.toBlocking(), HttpRequest.GET("/reporting/").accept(MediaType.TEXT_HTML)
                .cookie(Cookie.of("gennemsyn_token", TestTokens.token("0330", "styregruppe"))));
        assertThat(page.body()).contains("id=\"total-cases\">3<");
    }
}
