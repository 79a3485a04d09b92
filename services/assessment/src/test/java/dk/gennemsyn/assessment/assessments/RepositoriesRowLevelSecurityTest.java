package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.platform.db.TenantTx;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The repositories run in the tenant transaction: row-level security scopes every statement they make. */
@MicronautTest(transactional = false)
class RepositoriesRowLevelSecurityTest extends AssessmentTest {

    static final String T = "0250";

    @Inject AssignmentRows assignments;
    @Inject TenantTx tenantTx;

    @Test
    void theAssignmentsRepositoryRunsUnderRowLevelSecurity() {
        String review = UUID.randomUUID().toString();
        List<String> cases = givenReview(T, review, 1, 0, reviewer("ra", Instant.now().plusSeconds(86_400)));
        assertThat(post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder").status())
                .isEqualTo(201);
        UUID reviewId = UUID.fromString(review);
        UUID caseId = UUID.fromString(cases.get(0));
        List<AssignmentRow> rounds = tenantTx.read(T, () -> assignments.rounds(reviewId, caseId));
        assertThat(rounds).extracting(AssignmentRow::reviewer).containsExactly("ra");
        UUID id = rounds.get(0).id();
        assertThat(tenantTx.read(T, () -> assignments.findById(id))).isPresent();

        // Another municipality, or no municipality bound at all, sees none of it and cannot change it.
        assertThat(tenantTx.read("0251", () -> assignments.findById(id))).isEmpty();
        assertThat(tenantTx.read("0251", () -> assignments.ofReview(reviewId))).isEmpty();
        assertThat(tenantTx.write("0251", () -> assignments.saveDraft(id, 0, "{\"q\": \"overtaget\"}"))).isZero();
        assertThat(assignments.findById(id)).isEmpty();
        assertThat(assignments.rounds(reviewId, caseId)).isEmpty();
        assertThat(tenantTx.read(T, () -> assignments.findById(id))).get()
                .extracting(AssignmentRow::answers, AssignmentRow::lockVersion)
                .containsExactly("{}", 0L);
        assertThat(count("select count(*) from assignments where id = '" + id + "'")).isEqualTo(1);
    }
}
