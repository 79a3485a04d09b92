package dk.gennemsyn.assessment.cases;

import io.micrometer.core.instrument.MeterRegistry;
import dk.gennemsyn.testsupport.Deliveries;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestEvents;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class SelectionsTest extends ServiceTest {

    @Inject KnownCases knownCases;
    @Inject MeterRegistry meters;

    @Override
    protected String service() {
        return "assessment";
    }

    static CaseSelectedForReview selected(String review, String caseId, String forklaede, long version) {
        return CaseSelectedForReview.newBuilder().setReviewId(review).setCaseId(caseId).setAlias("Sag 7")
                .setCaseType("anbringelse").setSelection("purposive").setScreening(true).setDeepReview(true)
                .setForklaede(forklaede).setVersion(version).build();
    }

    @Test
    void selectionsKeepTheNewestVersionAndAnErasureRemovesThem() throws Exception {
        String t = "0250";
        String review = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        TestEvents.publish(getProperties(), 1, TestEvents.envelope(t, UUID.randomUUID().toString(), caseId,
                CaseUpdated.newBuilder().setCaseId(caseId).setAlias("Sag 7").setCaseType("anbringelse").setVersion(3).build()));
        // Version 1 arrives after version 2 (and twice): the newer forklæde stays.
        TestEvents.publish(getProperties(), 1, TestEvents.envelope(t, UUID.randomUUID().toString(), caseId,
                selected(review, caseId, "Nyeste forklæde", 2)));
        Eventually.await(Duration.ofSeconds(10), "selection", () -> !knownCases.selected(t, review).isEmpty());
        Deliveries late = Deliveries.from(meters);
        TestEvents.publish(getProperties(), 2, TestEvents.envelope(t, UUID.randomUUID().toString(), caseId,
                selected(review, caseId, "Gammelt forklæde", 1)));
        TestEvents.publish(getProperties(), 1, TestEvents.envelope(t, UUID.randomUUID().toString(), caseId,
                CaseUpdated.newBuilder().setCaseId(caseId).setAlias("Sag 7 (gammel)").setCaseType("anbringelse").setVersion(1).build()));
        late.await(3, "the late versions");
        assertThat(knownCases.selected(t, review)).extracting(KnownCases.Selected::forklaede).containsExactly("Nyeste forklæde");
        assertThat(knownCases.aliases(t)).containsExactly("Sag 7");
        assertThat(knownCases.selected("0330", review)).isEmpty();
        TestEvents.publish(getProperties(), 1, TestEvents.envelope(t, UUID.randomUUID().toString(), review,
                ReviewCaseDataErased.newBuilder().setReviewId(review).addCaseIds(caseId).build()));
        Eventually.await(Duration.ofSeconds(10), "erased", () -> knownCases.selected(t, review).isEmpty()
                && knownCases.aliases(t).isEmpty());
        assertThat(knownCases.aliases(t)).isEqualTo(List.of());
    }
}
