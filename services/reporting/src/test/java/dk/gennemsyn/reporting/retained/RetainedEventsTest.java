package dk.gennemsyn.reporting.retained;

import io.micrometer.core.instrument.MeterRegistry;
import dk.gennemsyn.testsupport.Deliveries;
import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.testsupport.ApiTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestEvents;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Assessment's events are retained once each, with their bytes, for reporting's read models. */
@MicronautTest(transactional = false)
class RetainedEventsTest extends ApiTest {

    @Override
    protected String service() {
        return "reporting";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.reporting.v1";
    }

    @Test
    void aScreeningResultIsRetainedOnceWithItsPayload() throws Exception {
        String caseId = UUID.randomUUID().toString();
        ScreeningResultChanged event = ScreeningResultChanged.newBuilder().setCaseId(caseId).setAlias("Sag 4")
                .setCaseVersion(3).addResults(RuleResult.newBuilder().setRule("bfu_4_maaneder").setResult("not_met")).build();
        Deliveries copies = Deliveries.from(meters);
        TestEvents.publish(getProperties(), 3, TestEvents.envelope("0250", UUID.randomUUID().toString(), caseId, event));
        copies.await(3, "all three copies");
        assertThat(count("select count(*) from retained_events")).isEqualTo(1);
        byte[] payload = sql("select payload from retained_events", rs -> rs.getBytes(1)).get(0);
        assertThat(ScreeningResultChanged.parseFrom(payload)).isEqualTo(event);
        assertThat(sql("select tenant from retained_events", rs -> rs.getString(1))).containsExactly("0250");
    }

    @Inject EventArchive archive;
    @Inject MeterRegistry meters;

    /** Events older than the archive's retention (5 years) are pruned; younger ones stay. */
    @Test
    void theArchiveIsPrunedAfterItsRetention() throws Exception {
        String fresh = UUID.randomUUID().toString();
        String old = UUID.randomUUID().toString();
        for (String caseId : List.of(fresh, old)) {
            TestEvents.publish(getProperties(), 1, TestEvents.envelope("0250", UUID.randomUUID().toString(), caseId,
                    ScreeningResultChanged.newBuilder().setCaseId(caseId).setAlias("Sag").setCaseVersion(1).build()));
        }
        Eventually.await(Duration.ofSeconds(10), "both retained", () -> count(
                "select count(*) from retained_events where aggregate_id in ('" + fresh + "', '" + old + "')") == 2);
        sql("update retained_events set occurred_at = now() - interval '1830 days' where aggregate_id = '" + old
                + "' returning 1", rs -> 1);
        sql("update retained_events set occurred_at = now() - interval '1820 days' where aggregate_id = '" + fresh
                + "' returning 1", rs -> 1);

        assertThat(archive.prune()).isEqualTo(1);
        assertThat(count("select count(*) from retained_events where aggregate_id = '" + old + "'")).isZero();
        assertThat(count("select count(*) from retained_events where aggregate_id = '" + fresh + "'")).isEqualTo(1);
    }
}
