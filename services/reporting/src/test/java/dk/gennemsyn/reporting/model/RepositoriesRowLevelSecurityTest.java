package dk.gennemsyn.reporting.model;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.reporting.reviews.ReviewRows;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read model's repositories run in the tenant transaction: row-level security scopes what they see. */
@MicronautTest(transactional = false)
class RepositoriesRowLevelSecurityTest extends ReportingTest {

    static final String A = "0250";
    static final String B = "0330";

    @Inject TenantTx tenantTx;
    @Inject CaseFindingRows findings;
    @Inject CaseAssessmentRows assessments;
    @Inject ReviewRows reviews;
    @Inject BlindCases blindCases;

    @Test
    void theReadModelRepositoriesRunUnderRowLevelSecurity() {
        Scenario s = givenScenario(A, 1);
        UUID review = UUID.fromString(s.review());
        assertThat(tenantTx.read(A, () -> findings.findByReviewId(review))).hasSize(3);
        assertThat(tenantTx.read(A, () -> assessments.answers(review))).hasSize(7);
        assertThat(tenantTx.read(A, () -> reviews.findById(review))).get()
                .extracting(r -> r.title()).isEqualTo("Sagsgennemgang 2018");
        // Another municipality, or no municipality bound at all, sees none of it.
        assertThat(tenantTx.read(B, () -> findings.findByReviewId(review))).isEmpty();
        assertThat(tenantTx.read(B, () -> assessments.answers(review))).isEmpty();
        assertThat(tenantTx.read(B, () -> reviews.findById(review))).isEmpty();
        assertThat(findings.findByReviewId(review)).isEmpty();
        assertThat(assessments.answers(review)).isEmpty();
        assertThat(reviews.findById(review)).isEmpty();
        assertThat(count("select count(*) from case_findings where review_id = '" + review + "'")).isEqualTo(3);
    }

    @Test
    void aCaseIsBlindForItsReviewersUntilItsSecondReviewIsCompletedAndOnlyInItsMunicipality() {
        Scenario s = givenScenario(A, 1);
        UUID review = UUID.fromString(s.review());
        UUID sag1 = UUID.fromString(s.cases().get(0));
        send(A, s.cases().get(0), SecondReviewAssigned.newBuilder().setReviewId(s.review()).setCaseId(s.cases().get(0))
                .setAlias("Sag 1").addReviewers("r1").addReviewers("r2").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the assignment", () ->
                count("select count(*) from blind_cases where review_id = '" + review + "'") == 1);
        assertThat(tenantTx.read(A, () -> blindCases.blindFor(review, "r2"))).containsExactly(sag1);
        assertThat(tenantTx.read(A, () -> blindCases.blindFor(review, "r3"))).isEmpty();
        // Sag 1's budget-relevant finding is hidden from its reviewers, not from others.
        assertThat(tenantTx.read(A, () -> findings.budgetRelevant(review, "r2"))).extracting(CaseFindingRow::alias)
                .containsExactly("Sag 4");
        assertThat(tenantTx.read(A, () -> findings.budgetRelevant(review, "r3"))).extracting(CaseFindingRow::alias)
                .containsExactly("Sag 4", "Sag 1");
        assertThat(tenantTx.read(B, () -> blindCases.blindFor(review, "r2"))).isEmpty();
        assertThat(blindCases.blindFor(review, "r2")).isEmpty();
        send(A, s.cases().get(0), SecondReviewCompleted.newBuilder().setReviewId(s.review()).setCaseId(s.cases().get(0))
                .setAlias("Sag 1").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the completion", () ->
                tenantTx.read(A, () -> blindCases.blindFor(review, "r2")).isEmpty());
    }
}
