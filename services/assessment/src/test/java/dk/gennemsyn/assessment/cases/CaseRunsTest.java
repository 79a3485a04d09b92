package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.BatchEventHandler.Received;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import's snapshots reach the handler as runs (the consumer's batches): stored in one statement and screened
 * together, with the same outcome as applying them one after the other.
 */
@MicronautTest(transactional = false)
class CaseRunsTest extends AssessmentTest {

    static final String T = "0461";

    @Inject CaseUpdatedHandler handler;
    @Inject TenantTx tenantTx;

    static CaseUpdated snapshot(String caseId, String alias, long version, boolean bfuFinished) {
        var c = CaseUpdated.newBuilder().setCaseId(caseId).setAlias(alias).setCaseType("forebyggende").setOpen(true)
                .setVersion(version)
                .addTimeline(event("underretning_modtaget", "2024-03-01", "10:00"))
                .addTimeline(event("underretning_vurderet", "2024-03-02", "10:00"))
                .addTimeline(event("bfu_startet", "2024-03-05", ""));
        if (bfuFinished) {
            c.addTimeline(event("bfu_afsluttet", "2024-06-01", ""));
        }
        return c.build();
    }

    static TimelineEvent event(String kind, String date, String time) {
        return TimelineEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setKind(kind).setDate(date)
                .setTime(time).build();
    }

    void run(CaseUpdated... snapshots) {
        List<Received<CaseUpdated>> events = new ArrayList<>();
        for (CaseUpdated s : snapshots) {
            events.add(new Received<>(new EventContext(UUID.randomUUID().toString(), T, "CaseUpdated", Instant.now(),
                    "import-1", "case-intake", s.getCaseId()), s));
        }
        tenantTx.write(T, () -> handler.handleAll(events));
    }

    List<ScreeningResultChanged> changes(String caseId) {
        return events("ScreeningResultChanged").stream().filter(e -> e.getAggregateId().equals(caseId)).map(e -> {
            try {
                return ScreeningResultChanged.parseFrom(e.getPayload());
            } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                throw new IllegalStateException(x);
            }
        }).toList();
    }

    String bfu(String caseId) {
        return sql("select result || '@' || case_version from screening_results where rule = 'bfu_4_maaneder'"
                + " and case_id = '" + caseId + "'", rs -> rs.getString(1)).get(0);
    }

    @Test
    void aRunIsStoredAndScreenedAsIfItsSnapshotsCameOneByOne() {
        String a = UUID.randomUUID().toString();
        run(snapshot(a, "Sag 1", 1, false));
        Eventually.await(Duration.ofSeconds(10), "case 1 screened", () -> changes(a).size() == 1);
        assertThat(bfu(a)).isEqualTo("not_met@1");

        // One run: five new cases, case 1's version 3, then its older version 2 and 1 arriving late, and a new case
        // twice. Only the newest of case 1 counts; each new case is stored and screened once.
        List<String> fresh = new ArrayList<>();
        List<CaseUpdated> run = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fresh.add(UUID.randomUUID().toString());
            run.add(snapshot(fresh.get(i), "Sag " + (10 + i), 1, i % 2 == 0));
        }
        run.add(2, snapshot(a, "Sag 1", 3, true));
        run.add(snapshot(a, "Sag 1", 2, false));
        run.add(snapshot(a, "Sag 1", 1, false));
        run.add(snapshot(fresh.get(0), "Sag 10", 1, true));
        run(run.toArray(CaseUpdated[]::new));

        Eventually.await(Duration.ofSeconds(10), "the run screened", () -> changes(a).size() == 2
                && fresh.stream().allMatch(id -> changes(id).size() == 1));
        assertThat(changes(a).get(1).getCaseVersion()).isEqualTo(3);
        assertThat(bfu(a)).isEqualTo("met@3");
        assertThat(count("select version from known_cases where case_id = '" + a + "'")).isEqualTo(3);
        for (int i = 0; i < 5; i++) {
            assertThat(bfu(fresh.get(i))).isEqualTo((i % 2 == 0 ? "met" : "not_met") + "@1");
        }
        assertThat(count("select count(*) from known_cases where tenant = '" + T + "'")).isEqualTo(6);
        assertThat(count("select count(*) from screening_results where tenant = '" + T + "'")).isEqualTo(6 * 7);

        // A newer version whose results are the same: stored, its results' version moves on, no event.
        run(snapshot(fresh.get(1), "Sag 11", 2, false), snapshot(a, "Sag 1", 3, true));
        assertThat(count("select version from known_cases where case_id = '" + fresh.get(1) + "'")).isEqualTo(2);
        assertThat(bfu(fresh.get(1))).isEqualTo("not_met@2");
        run(snapshot(UUID.randomUUID().toString(), "Sag 99", 1, false)); // the signal that earlier events were relayed
        Eventually.await(Duration.ofSeconds(10), "the signal", () -> events("ScreeningResultChanged").stream()
                .filter(e -> e.getTenant().equals(T)).count() == 2 + 5 + 1);
        assertThat(changes(fresh.get(1))).hasSize(1);
    }
}
