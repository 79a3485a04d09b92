package dk.gennemsyn.caseintake;

import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Danish pages' forms, as a browser posts them (empty optional fields included). */
@MicronautTest(transactional = false)
class PagesTest extends IntakeTest {

    static final String T = "0250";
    final Cookie session = Cookie.of("gennemsyn_token", TestTokens.token(T, "projektleder"));

    @Override
    protected java.util.Map<String, String> overrides() {
        // A page that fails to render must fail the test quickly, not hang it.
        return java.util.Map.of("micronaut.http.client.read-timeout", "10s");
    }

    Http.Result form(String path, String body) {
        // As a browser posts our own form: same origin (see CrossSiteRequestFilter).
        return Http.call(http.toBlocking(), HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(session).header("Sec-Fetch-Site", "same-origin"));
    }

    Http.Result page(String path) {
        return Http.call(http.toBlocking(), HttpRequest.GET(path).accept(MediaType.TEXT_HTML).cookie(session));
    }

    @Test
    void aReviewIsSetUpCasesRegisteredAndASampleDrawnThroughTheForms() {
        var created = form("/intake/reviews", "title=Gennemgang+2026&commission=&purpose=&focusPoints=&periodFrom=2016-01-01"
                + "&reviewerOrganisations=KL%2C+intern");
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String review = created.headers().get("Location");
        assertThat(review).startsWith("/intake/reviews/");
        for (int i = 0; i < 6; i++) {
            var c = form("/intake/cases", "caseType=" + (i < 2 ? "anbringelse" : "forebyggende")
                    + "&caseNumber=&birthYear=&team=Team+A");
            assertThat(c.status()).as(c.body()).isEqualTo(303);
        }
        var bad = form("/intake/cases", "caseType=anbringelse&birthYear=tolv");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Skriv et helt tal").contains("<html lang=\"da\"");
        var person = form(review + "/people", "name=Ekstern+Konsulent&userId=konsulent-1&email=&role=reviewer&organisation=KL"
                + "&accessFrom=&accessTo=2027-06-30");
        assertThat(person.status()).as(person.body()).isEqualTo(303);
        assertThat(form(review + "/milestones", "kind=budget_warning&title=&date=2027-09-10").status()).isEqualTo(303);
        var drawn = form(review + "/samplings", "tier=screening&method=proportional&size=3&strataBy=caseType&perStratum="
                + "&caseType=&team=&open=&notReviewedMonths=12&seed=99");
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(303);
        var detail = page(review);
        assertThat(detail.body()).contains("Stikprøveprotokol").contains("anbringelse: 1 af 2").contains("forebyggende: 2 af 4")
                .contains("Ekstern Konsulent").contains("Tidlig budgetvarsling").contains("id=\"selected-count\">3<");
        var again = form(review + "/samplings", "tier=screening&method=simple&size=3&seed=");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("allerede trukket");
        var tooFew = form(review + "/cases", "alias=Sag+1&forklaede=kort");
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.body()).contains("forklæde");
    }

    @Test
    void theCaseListFiltersAndPagesAndTheCasePageShowsTheTimeline() {
        for (int i = 0; i < 3; i++) {
            form("/intake/cases", "caseType=handicap&team=Team+Z");
        }
        var list = page("/intake/cases?caseType=handicap&team=Team+Z");
        assertThat(list.body()).contains("id=\"case-count\">3<");
        String caseId = list.body().replaceAll("(?s).*href=\"/intake/cases/([0-9a-f-]{36})\".*", "$1");
        assertThat(form("/intake/measures", "name=Aflastning&targetGroup=&legalBasisBarnetsLov=%C2%A7+32&legalBasisServiceloven="
                + "&pricePerYearKr=").status()).isEqualTo(303);
        var event = form("/intake/cases/" + caseId + "/timeline", "kind=afgoerelse&date=2021-03-04&measureId=&note=Bevilget"
                + "&legalBasisBarnetsLov=&legalBasisServiceloven=&yearlyCostKr=");
        assertThat(event.status()).as(event.body()).isEqualTo(303);
        var cpr = form("/intake/cases/" + caseId + "/timeline", "kind=afgoerelse&date=2021-03-04&note=cpr+010150-5000");
        assertThat(cpr.status()).isEqualTo(400);
        assertThat(cpr.body()).contains("CPR").doesNotContain("010150");
        assertThat(page("/intake/cases/" + caseId).body()).contains("Afgørelse").contains("04-03-2021").contains("Bevilget");
        assertThat(page("/intake/measures").body()).contains("Aflastning");
        assertThat(page("/intake/imports").body()).contains("Start import");
    }

    @Test
    void theInstrumentsAssessmentPublishesAreOfferedForAReview() {
        var created = form("/intake/reviews", "title=Med+instrument&commission=&purpose=&focusPoints=&periodFrom=&reviewerOrganisations=");
        String review = created.headers().get("Location");
        String instrument = java.util.UUID.randomUUID().toString();
        dk.gennemsyn.testsupport.TestEvents.publish(getProperties(), 2, dk.gennemsyn.testsupport.TestEvents.envelope(T,
                java.util.UUID.randomUUID().toString(), instrument, dk.gennemsyn.proto.assessment.v1.InstrumentPublished
                        .newBuilder().setInstrumentId(instrument).setName("Halsnæs-parametrene").setVersion(1).build()));
        dk.gennemsyn.testsupport.Eventually.await(java.time.Duration.ofSeconds(10), "offered",
                () -> page(review).body().contains("Halsnæs-parametrene, version 1"));
        assertThat(page(review).body().split("Halsnæs-parametrene, version 1", -1)).hasSize(2);
        assertThat(count("select count(*) from instruments")).isEqualTo(1);
    }

    /** The revoke and erase buttons of the review page work as form posts (they answered 415), erasure confirmed. */
    @Test
    void accessIsRevokedAndCaseDataErasedFromTheReviewPageWithAConfirmationStep() {
        String review = id(post("/intake/api/reviews", java.util.Map.of("title", "Slettes fra siden", "retentionUntil",
                java.time.LocalDate.now().minusDays(1).toString()), T, "projektleder"));
        String caseId = id(post("/intake/api/cases", java.util.Map.of("caseType", "anbringelse"), T, "projektleder"));
        post("/intake/api/reviews/" + review + "/cases", java.util.Map.of("caseId", caseId,
                "forklaede", "Valgt for at se på afgørelsernes begrundelse."), T, "projektleder");
        String person = id(post("/intake/api/reviews/" + review + "/people", java.util.Map.of("userId", "konsulent-9",
                "name", "Ekstern Konsulent", "role", "reviewer", "accessTo", java.time.Instant.now().plusSeconds(3600).toString()),
                T, "projektleder"));
        var revoked = form("/intake/reviews/" + review + "/people/" + person + "/revoke", "");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(303);
        assertThat(count("select count(*) from review_people where id = '" + person + "' and revoked_at is not null")).isOne();

        for (String to : java.util.List.of("sampling", "reviewing", "validating", "reporting", "follow_up", "closed")) {
            post("/intake/api/reviews/" + review + "/transitions", java.util.Map.of("to", to), T, "projektleder");
        }
        Cookie admin = Cookie.of("gennemsyn_token", TestTokens.token(T, "tenant-admin"));
        var shown = Http.call(http.toBlocking(), HttpRequest.GET("/intake/reviews/" + review).accept(MediaType.TEXT_HTML)
                .cookie(admin));
        assertThat(shown.body()).contains("name=\"confirm\"").contains("ikke kan genskabes");
        var unconfirmed = Http.call(http.toBlocking(), HttpRequest.POST("/intake/reviews/" + review + "/erase", "")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(admin).header("Sec-Fetch-Site", "same-origin"));
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("bekræft").contains("<html lang=\"da\"");
        assertThat(count("select count(*) from cases where id = '" + caseId + "'")).as("nothing erased").isOne();
        var erased = Http.call(http.toBlocking(), HttpRequest.POST("/intake/reviews/" + review + "/erase", "confirm=ja")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(admin).header("Sec-Fetch-Site", "same-origin"));
        assertThat(erased.status()).as(erased.body()).isEqualTo(303);
        assertThat(count("select count(*) from cases where id = '" + caseId + "'")).isZero();
    }
}
