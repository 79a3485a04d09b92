package dk.gennemsyn.assessment.screening;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import dk.gennemsyn.testsupport.Deliveries;
import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Event-driven screening: a timeline change gives new results once, the review summary follows, reads are logged. */
@MicronautTest(transactional = false)
class ScreeningTest extends AssessmentTest {

    static final String T = "0250";

    @Inject MeterRegistry meters;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("gennemsyn.screening.summary-interval", "200ms");
    }

    static TimelineEvent ev(String kind, String date, String time) {
        return TimelineEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setKind(kind).setDate(date)
                .setTime(time).build();
    }

    static CaseUpdated.Builder caseUpdated(String caseId, long version) {
        return CaseUpdated.newBuilder().setCaseId(caseId).setAlias("Sag 3").setCaseType("forebyggende").setOpen(true)
                .setVersion(version)
                .addTimeline(ev("underretning_modtaget", "2024-03-01", "10:00"))
                .addTimeline(ev("underretning_vurderet", "2024-03-02", "10:00"))
                .addTimeline(ev("bfu_startet", "2024-03-05", ""));
    }

    String result(JsonNode detail, String rule) {
        for (JsonNode r : detail.get("rules").values()) {
            if (r.get("rule").getStringValue().equals(rule)) {
                return r.get("result").getStringValue();
            }
        }
        throw new AssertionError("no rule " + rule);
    }

    @Test
    void aTimelineChangeIsScreenedOnceAndTheReviewSummaryFollows() throws Exception {
        String review = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        send(T, caseId, CaseSelectedForReview.newBuilder().setReviewId(review).setCaseId(caseId).setAlias("Sag 3")
                .setCaseType("forebyggende").setSelection("random").setScreening(true).setVersion(1).build(), 1);
        // Delivered three times: one screening, one event.
        send(T, caseId, caseUpdated(caseId, 1).build(), 3);
        Eventually.await(Duration.ofSeconds(10), "screened", () -> events("ScreeningResultChanged").size() == 1);
        String path = "/assessment/api/screening/cases/" + caseId;
        Http.Result firstRead = get(path, T, "projektleder");
        JsonNode first = tree(firstRead);
        assertThat(result(first, "underretning_24_timer")).isEqualTo("met");
        assertThat(result(first, "bfu_4_maaneder")).isEqualTo("not_met");
        assertThat(firstRead.body()).contains("ikke afsluttet, frist 01.07.2024 (Barnets lov § 20, stk. 3)");

        // The BFU is finished in time: the result changes, one more event, and the summary for the review says so.
        send(T, caseId, caseUpdated(caseId, 2).addTimeline(ev("bfu_afsluttet", "2024-07-01", "")).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "screened again", () -> events("ScreeningResultChanged").size() == 2);
        ScreeningResultChanged changed = ScreeningResultChanged.parseFrom(
                events("ScreeningResultChanged").get(1).getPayload());
        assertThat(changed.getCaseVersion()).isEqualTo(2);
        assertThat(changed.getResultsList()).filteredOn(r -> r.getRule().equals("bfu_4_maaneder"))
                .extracting(RuleResult::getResult).containsExactly("met");
        Eventually.await(Duration.ofSeconds(10), "summary", () -> events("ReviewScreeningSummaryChanged").stream()
                .anyMatch(e -> bfuMet(e) == 1));

        // An older version arriving late changes nothing.
        Deliveries late = Deliveries.from(meters);
        send(T, caseId, caseUpdated(caseId, 1).build(), 1);
        late.await(1, "the older version");
        assertThat(events("ScreeningResultChanged")).hasSize(2);
        assertThat(result(tree(get(path, T, "projektleder")), "bfu_4_maaneder")).isEqualTo("met");

        JsonNode summary = tree(get("/assessment/api/screening/summary?reviewId=" + review, T, "tovholder"));
        assertThat(summary.get("cases").getIntValue()).isEqualTo(1);
        for (JsonNode line : summary.get("rules").values()) {
            if (line.get("rule").getStringValue().equals("bfu_4_maaneder")) {
                assertThat(line.get("met").getIntValue()).isEqualTo(1);
                assertThat(line.get("shareMet").getDoubleValue()).isEqualTo(1.0);
            }
        }
        JsonNode metCases = tree(get("/assessment/api/screening/cases?reviewId=" + review
                + "&rule=bfu_4_maaneder&result=met", T, "validator"));
        assertThat(metCases.get("total").getLongValue()).isEqualTo(1);
        assertThat(metCases.get("items").get(0).get("results").get("underretning_24_timer").getStringValue()).isEqualTo("met");
        assertThat(tree(get("/assessment/api/screening/cases?rule=bfu_4_maaneder&result=not_met", T, "validator"))
                .get("total").getLongValue()).isZero();
        // Every read of case data is in the access log: two detail reads and one listing.
        assertThat(count("select count(*) from access_log_entries where case_id = '" + caseId + "' and action = 'READ'"))
                .isEqualTo(3);
    }

    int bfuMet(dk.gennemsyn.proto.platform.v1.Envelope e) {
        try {
            return ReviewScreeningSummaryChanged.parseFrom(e.getPayload()).getRulesList().stream()
                    .filter(r -> r.getRule().equals("bfu_4_maaneder")).mapToInt(r -> r.getMet()).sum();
        } catch (com.google.protobuf.InvalidProtocolBufferException x) {
            throw new IllegalStateException(x);
        }
    }

    @Test
    void aCasePageWithAMeasureWithoutNameOrLegalBasisShowsTheTimeline() {
        // A foranstaltning with no name and no paragraph: stored without the empty fields, it once broke the page.
        String caseId = UUID.randomUUID().toString();
        send(T, caseId, caseUpdated(caseId, 1).addTimeline(ev("foranstaltning_startet", "2024-04-01", ""))
                .addTimeline(ev("foranstaltning_startet", "2024-05-01", "").toBuilder().setMeasureName("Kontaktperson")
                        .setLegalBasisBarnetsLov("§ 32, stk. 1, nr. 3").build()).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "screened",
                () -> get("/assessment/api/screening/cases/" + caseId, T, "projektleder").status() == 200);
        Http.Result page = call(HttpRequest.GET("/assessment/screening/cases/" + caseId).accept(MediaType.TEXT_HTML_TYPE),
                T, "projektleder");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Foranstaltning startet").contains("Kontaktperson · § 32, stk. 1, nr. 3")
                .doesNotContain("null");
    }

    @Test
    void onlyTheMunicipalitysStaffSeeScreeningAndBadFiltersAreClearErrors() {
        String caseId = UUID.randomUUID().toString();
        send(T, caseId, caseUpdated(caseId, 1).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "screened",
                () -> get("/assessment/api/screening/cases/" + caseId, T, "projektleder").status() == 200);
        Http.Result reviewer = get("/assessment/api/screening/cases/" + caseId, T, "reviewer");
        assertThat(reviewer.status()).isEqualTo(403);
        assertThat(reviewer.body()).contains("ikke adgang");
        assertThat(get("/assessment/api/screening/cases/" + caseId, "0330", "projektleder").status()).isEqualTo(404);
        Http.Result badRule = get("/assessment/api/screening/cases?rule=nonsense", T, "projektleder");
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(badRule.body()).contains("Ukendt regel").contains("\"field\":\"rule\"");
        Http.Result badResult = get("/assessment/api/screening/cases?rule=bfu_4_maaneder&result=ok", T, "projektleder");
        assertThat(badResult.status()).isEqualTo(400);
        assertThat(get("/assessment/api/screening/cases?size=500", T, "projektleder").status()).isEqualTo(400);
        assertThat(tree(get("/assessment/api/screening/rules", T, "projektleder")).values()).hasSize(LegalRule.values().length);
    }
}
