package dk.gennemsyn.reporting.model;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.BatchEventHandler.Received;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.reporting.ReportingTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import's cases and screenings reach the read model as runs (the consumer's batches), applied with a statement per
 * table. What a run leaves must be what the same events leave one by one: the rebuild replays the archive one event at
 * a time, so the tables after it must equal the tables after the runs.
 */
@MicronautTest(transactional = false)
class CaseRunsTest extends ReportingTest {

    static final String T = "0183";

    @Inject ReviewModel model;
    @Inject TenantTx tenantTx;

    Instant clock = Instant.parse("2026-12-01T09:00:00Z");

    <T extends Message> Received<Message> received(String type, String caseId, T event) {
        clock = clock.plusSeconds(30);
        return new Received<>(new EventContext(UUID.randomUUID().toString(), T, type, clock, "import-1", "test",
                caseId), event);
    }

    Received<Message> caseUpdated(String caseId, long version, TimelineEvent... timeline) {
        return received("gennemsyn.caseintake.v1.CaseUpdated", caseId, CaseUpdated.newBuilder().setCaseId(caseId)
                .setCaseType("anbringelse").setCaseworker("Rådgiver 1").setTeam("Nord").setOpen(true).setVersion(version)
                .addAllTimeline(List.of(timeline)).build());
    }

    Received<Message> screening(String caseId, long version, String... ruleResults) {
        var e = ScreeningResultChanged.newBuilder().setCaseId(caseId).setAlias("Sag " + version).setCaseVersion(version);
        for (int i = 0; i < ruleResults.length; i += 2) {
            e.addResults(RuleResult.newBuilder().setRule(ruleResults[i]).setResult(ruleResults[i + 1]));
        }
        return received("gennemsyn.assessment.v1.ScreeningResultChanged", caseId, e.build());
    }

    static TimelineEvent measure(String kind, String date, String name, long cost) {
        return TimelineEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setKind(kind).setDate(date)
                .setMeasureName(name).setMeasureId(name.toLowerCase()).setYearlyCostKr(cost).build();
    }

    void run(List<Received<Message>> events) {
        tenantTx.write(T, () -> model.handleAll(events));
    }

    Map<String, List<String>> tables() {
        return Map.of(
                "tenant_cases", sql("select case_id || ' v' || version || ' ' || yearly_cost_kr || ' ' || opened_on"
                        + " from tenant_cases where tenant = '" + T + "' order by 1", rs -> rs.getString(1)),
                "case_measures", sql("select case_id || ' ' || seq || ' ' || measure_name || ' ' || started_on || ' '"
                        + " || coalesce(ended_on::text, '-') from case_measures where tenant = '" + T + "' order by 1",
                        rs -> rs.getString(1)),
                "case_screenings", sql("select case_id || ' v' || case_version || ' ' || alias || ' ' || results::text"
                        + " from case_screenings where tenant = '" + T + "' order by 1", rs -> rs.getString(1)),
                "compliance_months", sql("select case_id || ' ' || month || ' ' || rule || ' ' || met"
                        + " from compliance_months where tenant = '" + T + "' order by 1", rs -> rs.getString(1)));
    }

    @Test
    void aRunLeavesWhatTheSameEventsLeaveOneByOne() {
        String x = UUID.randomUUID().toString();
        String y = UUID.randomUUID().toString();
        // Case x: version 2 ends one measure and starts another; then version 1 arrives late. Case y is new.
        List<Received<Message>> cases = new ArrayList<>();
        cases.add(caseUpdated(x, 1, measure("foranstaltning_startet", "2024-01-10", "Aflastning", 50_000)));
        cases.add(caseUpdated(y, 1, measure("foranstaltning_startet", "2023-05-01", "Familiebehandling", 120_000)));
        cases.add(caseUpdated(x, 2, measure("foranstaltning_startet", "2024-01-10", "Aflastning", 50_000),
                measure("foranstaltning_afsluttet", "2024-06-30", "Aflastning", 0),
                measure("foranstaltning_startet", "2024-07-01", "Anbringelse", 400_000)));
        cases.add(caseUpdated(x, 1, measure("foranstaltning_startet", "2024-01-10", "Aflastning", 50_000)));
        run(cases);
        // Screenings, the last of x's in December: the same case version again replaces the kept results.
        List<Received<Message>> screenings = new ArrayList<>();
        screenings.add(screening(x, 2, "r1", "met", "r2", "not_met"));
        screenings.add(screening(y, 1, "r1", "unknown", "r2", "met"));
        screenings.add(screening(x, 1, "r1", "not_met", "r2", "not_met"));
        screenings.add(screening(x, 2, "r1", "not_met", "r2", "not_applicable"));
        run(screenings);

        var afterRuns = tables();
        assertThat(afterRuns.get("tenant_cases")).containsExactlyInAnyOrder(
                x + " v2 400000 2024-01-10", y + " v1 120000 2023-05-01");
        assertThat(afterRuns.get("case_measures")).containsExactlyInAnyOrder(
                x + " 0 Aflastning 2024-01-10 2024-06-30", x + " 1 Anbringelse 2024-07-01 -",
                y + " 0 Familiebehandling 2023-05-01 -");
        assertThat(afterRuns.get("case_screenings")).hasSize(2)
                .anyMatch(r -> r.startsWith(x + " v2 Sag 2 ") && r.contains("not_applicable"));
        assertThat(afterRuns.get("compliance_months")).containsExactlyInAnyOrder(
                x + " 2026-12-01 r1 false", y + " 2026-12-01 r2 true");
        assertThat(count("select count(*) from retained_events where tenant = '" + T + "'")).isEqualTo(8);

        // A later run screens x again (same month): its compliance rows are replaced, not added to.
        run(List.of(screening(x, 3, "r1", "met", "r2", "not_met")));
        afterRuns = tables();
        assertThat(afterRuns.get("compliance_months")).containsExactlyInAnyOrder(
                x + " 2026-12-01 r1 true", x + " 2026-12-01 r2 false", y + " 2026-12-01 r2 true");

        var rebuilt = post("/reporting/api/admin/rebuild", Map.of(), T, "tenant-admin");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(tree(rebuilt).get("events").getIntValue()).isEqualTo(9);
        assertThat(tables()).isEqualTo(afterRuns);
    }
}
