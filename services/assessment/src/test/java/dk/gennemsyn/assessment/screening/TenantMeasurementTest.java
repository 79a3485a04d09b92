package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.proto.assessment.v1.TenantScreeningMeasured;
import dk.gennemsyn.proto.caseintake.v1.CasesImported;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dk.gennemsyn.assessment.screening.ScreeningTest.caseUpdated;
import static dk.gennemsyn.assessment.screening.ScreeningTest.ev;
import static org.assertj.core.api.Assertions.assertThat;

/** After a case-system import, all the tenant's cases are measured per legal rule (bound action-plan indicators). */
@MicronautTest(transactional = false)
class TenantMeasurementTest extends AssessmentTest {

    @Test
    void afterAnImportAllTheTenantsCasesAreMeasuredOnceForTheBoundIndicators() throws Exception {
        String tenant = "0330"; // its own municipality: these are all its cases
        String onTime = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        send(tenant, onTime, caseUpdated(onTime, 0).addTimeline(ev("bfu_afsluttet", "2024-05-01", "")).build(), 1);
        send(tenant, late, caseUpdated(late, 0).addTimeline(ev("bfu_afsluttet", "2024-09-01", "")).build(), 1);
        String importId = UUID.randomUUID().toString();
        // Delivered twice: measured once.
        send(tenant, importId, CasesImported.newBuilder().setImportId(importId)
                .setCreated(2).setFinishedAt("2026-12-01T09:00:00Z").build(), 2);
        Eventually.await(Duration.ofSeconds(10), "measured", () -> events("TenantScreeningMeasured").stream()
                .anyMatch(e -> e.getAggregateId().equals(importId)));
        // A later import measured means the duplicate before it was handled (and dropped).
        String next = UUID.randomUUID().toString();
        send(tenant, next, CasesImported.newBuilder().setImportId(next)
                .setFinishedAt("2026-12-02T09:00:00Z").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the next import measured", () -> events("TenantScreeningMeasured")
                .stream().anyMatch(e -> e.getAggregateId().equals(next)));
        var measured = events("TenantScreeningMeasured").stream().filter(e -> e.getAggregateId().equals(importId)).toList();
        assertThat(measured).hasSize(1);
        var m = TenantScreeningMeasured.parseFrom(measured.get(0).getPayload());
        assertThat(m.getCases()).isEqualTo(2);
        assertThat(m.getMeasuredAt()).isEqualTo("2026-12-01T09:00:00Z");
        var bfu = m.getRulesList().stream().filter(r -> r.getRule().equals("bfu_4_maaneder")).findFirst().orElseThrow();
        assertThat(bfu.getMet()).isEqualTo(1);
        assertThat(bfu.getNotMet()).isEqualTo(1);
        assertThat(bfu.getTitle()).isEqualTo("Børnefaglig undersøgelse afsluttet inden for 4 måneder");
    }
}
