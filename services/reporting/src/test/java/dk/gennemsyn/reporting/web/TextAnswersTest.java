package dk.gennemsyn.reporting.web;

import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Varde's instrument of free text: the summary shows what it yields (the answers case by case), not an empty table. */
@MicronautTest(transactional = false)
class TextAnswersTest extends ReportingTest {

    static final String T = "0573";

    Http.Result page(String path, String role) {
        return Http.call(http.toBlocking(), HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE)
                .bearerAuth(TestTokens.token(T, role)));
    }

    @Test
    void theCaseNotesAreShownSearchableAndExportableToThoseWhoReadCases() {
        String review = UUID.randomUUID().toString();
        String instrument = UUID.randomUUID().toString();
        send(T, instrument, InstrumentPublished.newBuilder().setInstrumentId(instrument).setName("Varde-sagsnotat")
                .setVersion(1).addQuestions(q("motivation", "text", "Motivation for vurderingen"))
                .addQuestions(q("laering", "text", "Læringsspørgsmål")).build(), 1);
        send(T, review, ReviewCreated.newBuilder().setReview(Review.newBuilder().setReviewId(review)
                .setTitle("Sagsgennemgang 2015").setState("reviewing").setInstrumentId(instrument).setVersion(1)).build(), 1);
        String[][] notes = {{"Barnets stemme mangler i afgørelsen.", "Hvordan sikrer vi børnesamtalen før afgørelsen?"},
                {"Handleplanen er ikke opdateret siden 2013.", "Hvem følger op på handleplanen?"}};
        for (int i = 1; i <= 2; i++) {
            String c = UUID.randomUUID().toString();
            send(T, c, selected(review, c, i + 2, 1).toBuilder().setAlias("Sag " + i).setSecondReview(false).build(), 1);
            send(T, c, AssessmentSubmitted.newBuilder().setAssignmentId(UUID.randomUUID().toString()).setReviewId(review)
                    .setCaseId(c).setAlias("Sag " + i).setReviewer("r1").setRound(1).setInstrumentId(instrument)
                    .putAllAnswers(Map.of("motivation", notes[i - 1][0], "laering", notes[i - 1][1])).build(), 1);
        }
        Eventually.await(Duration.ofSeconds(15), "the review applied", () ->
                count("select count(*) from case_assessments where review_id = '" + review + "'") == 2
                        && count("select count(*) from instruments where instrument_id = '" + instrument + "'") == 1);

        String summary = page("/reporting/reviews/" + review + "/summary", "projektleder").body();
        // No empty table without a word: the sentence says why, and the answers follow.
        assertThat(summary).contains("id=\"no-closed-questions\"").doesNotContain("id=\"distribution\"")
                .contains("Tekstsvar").contains("Læringsspørgsmål").contains("Hvordan sikrer vi børnesamtalen")
                .contains("Handleplanen er ikke opdateret");
        String searched = page("/reporting/reviews/" + review + "/summary?q=handleplan", "validator").body();
        assertThat(searched).contains("Hvem følger op på handleplanen?").doesNotContain("Hvordan sikrer vi børnesamtalen");
        Http.Result csv = Http.call(http.toBlocking(), HttpRequest.GET("/reporting/api/reviews/" + review
                + "/texts.csv?q=barnets").bearerAuth(TestTokens.token(T, "tovholder")));
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("spørgsmål;sag;runde;svar").contains("\"Barnets stemme mangler i afgørelsen.\"")
                .doesNotContain("Handleplanen");
        // Case content: not for the steering group, and each read is logged.
        assertThat(page("/reporting/reviews/" + review + "/summary", "styregruppe").body())
                .doesNotContain("Barnets stemme").contains("id=\"no-closed-questions\"");
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/reporting/api/reviews/" + review + "/texts")
                .bearerAuth(TestTokens.token(T, "styregruppe"))).status()).isEqualTo(403);
        assertThat(count("select count(*) from access_log_entries where purpose = 'rapport: tekstsvar'")).isGreaterThanOrEqualTo(2);
    }
}
