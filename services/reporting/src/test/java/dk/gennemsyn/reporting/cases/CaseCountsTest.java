package dk.gennemsyn.reporting.cases;

import io.micrometer.core.instrument.MeterRegistry;
import dk.gennemsyn.testsupport.Deliveries;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The case counts, fed with CaseUpdated through the real broker. */
@MicronautTest(transactional = false)
class CaseCountsTest extends ServiceTest {

    @Inject @Client("/") HttpClient http;
    @Inject MeterRegistry meters;

    @Override
    protected String service() {
        return "reporting";
    }

    String counts(String tenant) {
        return Http.call(http.toBlocking(), HttpRequest.GET("/reporting/api/case-counts")
                .bearerAuth(TestTokens.token(tenant, "styregruppe"))).body();
    }

    static CaseUpdated version(String caseId, String alias, String type, long version) {
        return CaseUpdated.newBuilder().setCaseId(caseId).setAlias(alias).setCaseType(type).setVersion(version)
                .setCaseworker("Rådgiver 1").setOpen(true).build();
    }

    @Test
    void eachCaseIsCountedOnceEvenWhenItsEventArrivesThreeTimes() {
        String c3 = UUID.randomUUID().toString();
        var first = TestEvents.envelope("0330", UUID.randomUUID().toString(), "c1",
                version(UUID.randomUUID().toString(), "Sag 1", "anbringelse", 0));
        var second = TestEvents.envelope("0330", UUID.randomUUID().toString(), "c2",
                version(UUID.randomUUID().toString(), "Sag 2", "anbringelse", 0));
        var third = TestEvents.envelope("0330", UUID.randomUUID().toString(), "c3", version(c3, "Sag 3", "forebyggende", 0));
        Deliveries all = Deliveries.from(meters);
        TestEvents.publish(getProperties(), 3, first, second, third);
        all.await(9, "every copy of the three");
        assertThat(counts("0330")).isEqualTo(
                "[{\"caseType\":\"anbringelse\",\"cases\":2},{\"caseType\":\"forebyggende\",\"cases\":1}]");
        assertThat(counts("0250")).isEqualTo("[]");

        // Sag 3 becomes a placement: it moves, it is not counted twice.
        Deliveries changed = Deliveries.from(meters);
        TestEvents.publish(getProperties(), 2, TestEvents.envelope("0330", UUID.randomUUID().toString(), "c3",
                version(c3, "Sag 3", "anbringelse", 1)));
        changed.await(2, "both copies of the change");
        assertThat(counts("0330")).isEqualTo("[{\"caseType\":\"anbringelse\",\"cases\":3}]");

        var page = Http.call(http.toBlocking(), HttpRequest.GET("/reporting/").accept(MediaType.TEXT_HTML)
                .cookie(Cookie.of("gennemsyn_token", TestTokens.token("0330", "styregruppe"))));
        assertThat(page.body()).contains("id=\"total-cases\">3<");
    }
}
