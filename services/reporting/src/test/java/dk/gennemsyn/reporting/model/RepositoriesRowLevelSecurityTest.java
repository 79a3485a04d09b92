package dk.gennemsyn.reporting.model;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.reporting.reviews.ReviewRows;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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
}
