package dk.gennemsyn.reporting.model;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.BatchEventHandler;
import dk.gennemsyn.platform.events.BatchEventHandler.Received;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-case read models: the tenant's cases with their measures (from CaseUpdated) and each case's screening with
 * the monthly compliance (from ScreeningResultChanged). An import brings 100,000 of each, so a run of events is applied
 * with one statement per table (hand SQL: upserts and deletes over arrays). Within a run only each case's newest
 * event counts, which is what applying them one after the other leaves (an older one arriving late changes nothing).
 */
@Singleton
class CaseModel {

    private final TenantTx tenantTx;
    private final JsonMapper json;

    CaseModel(TenantTx tenantTx, JsonMapper json) {
        this.tenantTx = tenantTx;
        this.json = json;
    }

    /** Inside the tenant's transaction: the cases' newest versions and, for those applied, their measures. */
    void casesUpdated(String tenant, List<Received<CaseUpdated>> run) {
        List<CaseUpdated> cases = BatchEventHandler.newest(run, CaseUpdated::getCaseId, CaseUpdated::getVersion, false).stream()
                .map(Received::event).toList();
        Set<String> applied = new HashSet<>(tenantTx.query("""
                insert into tenant_cases (case_id, tenant, case_type, caseworker, open, yearly_cost_kr, version, team,
                                          opened_on)
                select id, ?, type, worker, open, cost, v, team, opened
                from unnest(?::uuid[], ?::text[], ?::text[], ?::boolean[], ?::bigint[], ?::bigint[], ?::text[], ?::date[])
                    as t(id, type, worker, open, cost, v, team, opened)
                on conflict (case_id) do update set case_type = excluded.case_type, caseworker = excluded.caseworker,
                    open = excluded.open, yearly_cost_kr = excluded.yearly_cost_kr, version = excluded.version,
                    team = excluded.team, opened_on = excluded.opened_on
                where tenant_cases.version < excluded.version
                returning case_id::text""", rs -> rs.getString(1), tenant,
                tenantTx.array("uuid", cases, CaseUpdated::getCaseId), tenantTx.array("text", cases, CaseUpdated::getCaseType),
                tenantTx.array("text", cases, CaseUpdated::getCaseworker), tenantTx.array("boolean", cases, CaseUpdated::getOpen),
                tenantTx.array("bigint", cases, c -> runningCost(c.getTimelineList())),
                tenantTx.array("bigint", cases, CaseUpdated::getVersion), tenantTx.array("text", cases, CaseUpdated::getTeam),
                tenantTx.array("date", cases, c -> opened(c.getTimelineList()))));
        if (!applied.isEmpty()) {
            measures(tenant, cases.stream().filter(c -> applied.contains(c.getCaseId())).toList());
        }
    }

    private static java.sql.Date opened(List<TimelineEvent> timeline) {
        return timeline.stream().map(TimelineEvent::getDate).filter(d -> !d.isEmpty()).min(String::compareTo)
                .map(d -> java.sql.Date.valueOf(LocalDate.parse(d))).orElse(null);
    }

    /**
     * The cases' measures from their newest timelines, replacing the older versions': each start with the first end
     * of the same measure after it (if any).
     */
    private void measures(String tenant, List<CaseUpdated> cases) {
        tenantTx.update("delete from case_measures where case_id = any(?::uuid[])",
                tenantTx.array("uuid", cases, CaseUpdated::getCaseId));
        List<Object[]> rows = new ArrayList<>();
        for (CaseUpdated c : cases) {
            List<TimelineEvent> sorted = c.getTimelineList().stream()
                    .sorted(Comparator.comparing(TimelineEvent::getDate)).toList();
            int seq = 0;
            for (int i = 0; i < sorted.size(); i++) {
                TimelineEvent s = sorted.get(i);
                if (!s.getKind().equals("foranstaltning_startet")) {
                    continue;
                }
                String ended = null;
                for (int j = i + 1; j < sorted.size(); j++) {
                    TimelineEvent x = sorted.get(j);
                    if (x.getKind().equals("foranstaltning_afsluttet") && x.getMeasureName().equals(s.getMeasureName())) {
                        ended = x.getDate();
                        break;
                    }
                }
                rows.add(new Object[]{c.getCaseId(), seq++, s.getMeasureId(), s.getMeasureName(),
                        s.getLegalBasisBarnetsLov(), s.getLegalBasisServiceloven(), s.getYearlyCostKr(), s.getDate(), ended});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        tenantTx.update("""
                insert into case_measures (tenant, case_id, seq, measure_id, measure_name, legal_basis_bl, legal_basis_sel,
                    yearly_cost_kr, started_on, ended_on)
                select ?, x.id, x.seq, x.mid, x.name, x.bl, x.sel, x.cost, x.started::date, x.ended::date
                from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                            ?::text[]) as x(id, seq, mid, name, bl, sel, cost, started, ended)""",
                tenant, tenantTx.array("uuid", rows, r -> r[0]), tenantTx.array("int", rows, r -> r[1]),
                tenantTx.array("text", rows, r -> r[2]), tenantTx.array("text", rows, r -> r[3]),
                tenantTx.array("text", rows, r -> r[4]), tenantTx.array("text", rows, r -> r[5]),
                tenantTx.array("bigint", rows, r -> r[6]), tenantTx.array("text", rows, r -> r[7]),
                tenantTx.array("text", rows, r -> r[8]));
    }

    /** The yearly cost of the measures still running on the timeline (started, not ended since). */
    static long runningCost(List<TimelineEvent> timeline) {
        Map<String, TimelineEvent> running = new LinkedHashMap<>();
        timeline.stream().sorted(Comparator.comparing(TimelineEvent::getDate)).forEach(ev -> {
            if (ev.getKind().equals("foranstaltning_startet")) {
                running.put(ev.getMeasureName(), ev);
            } else if (ev.getKind().equals("foranstaltning_afsluttet")) {
                running.remove(ev.getMeasureName());
            }
        });
        return running.values().stream().mapToLong(TimelineEvent::getYearlyCostKr).sum();
    }

    /**
     * Inside the tenant's transaction: the cases' screenings (a result of the same case version replaces the kept one:
     * a deadline passed) and, for those applied, the month's compliance: each rule met or not met, as of the month
     * the screening changed in.
     */
    void screeningsChanged(String tenant, List<Received<ScreeningResultChanged>> run) {
        List<Received<ScreeningResultChanged>> events = BatchEventHandler.newest(run, ScreeningResultChanged::getCaseId,
                ScreeningResultChanged::getCaseVersion, true);
        List<ScreeningResultChanged> screenings = events.stream().map(Received::event).toList();
        // Applied, and whether the case is new here (xmax 0: inserted): a new case has no compliance rows to replace.
        Map<String, Boolean> applied = new HashMap<>();
        tenantTx.query("""
                insert into case_screenings (case_id, tenant, alias, case_version, results)
                select id, ?, alias, v, r::jsonb from unnest(?::uuid[], ?::text[], ?::bigint[], ?::text[]) as t(id, alias, v, r)
                on conflict (case_id) do update set alias = excluded.alias, case_version = excluded.case_version,
                    results = excluded.results
                where case_screenings.case_version <= excluded.case_version
                returning case_id::text, xmax = 0""", rs -> applied.put(rs.getString(1), rs.getBoolean(2)), tenant,
                tenantTx.array("uuid", screenings, ScreeningResultChanged::getCaseId),
                tenantTx.array("text", screenings, ScreeningResultChanged::getAlias),
                tenantTx.array("bigint", screenings, ScreeningResultChanged::getCaseVersion),
                tenantTx.array("text", screenings, s -> ReviewModel.proto(json, s.getResultsList())));
        List<Object[]> forget = new ArrayList<>();
        List<Object[]> judged = new ArrayList<>();
        for (Received<ScreeningResultChanged> e : events) {
            Boolean inserted = applied.get(e.event().getCaseId());
            if (inserted == null) {
                continue;
            }
            java.sql.Date month = java.sql.Date.valueOf(
                    e.context().occurredAt().atZone(DanishFormat.ZONE).toLocalDate().withDayOfMonth(1));
            for (RuleResult r : e.event().getResultsList()) {
                if (!inserted) {
                    forget.add(new Object[]{month, r.getRule(), e.event().getCaseId()});
                }
                if (r.getResult().equals("met") || r.getResult().equals("not_met")) {
                    judged.add(new Object[]{month, r.getRule(), e.event().getCaseId(), r.getResult().equals("met")});
                }
            }
        }
        if (!forget.isEmpty()) {
            tenantTx.update("""
                    delete from compliance_months c using unnest(?::date[], ?::text[], ?::uuid[]) as t(month, rule, id)
                    where c.month = t.month and c.rule = t.rule and c.case_id = t.id""",
                    tenantTx.array("date", forget, r -> r[0]), tenantTx.array("text", forget, r -> r[1]),
                    tenantTx.array("uuid", forget, r -> r[2]));
        }
        if (!judged.isEmpty()) {
            tenantTx.update("""
                    insert into compliance_months (tenant, month, rule, case_id, met)
                    select ?, month, rule, id, met from unnest(?::date[], ?::text[], ?::uuid[], ?::boolean[])
                        as t(month, rule, id, met)""", tenant,
                    tenantTx.array("date", judged, r -> r[0]), tenantTx.array("text", judged, r -> r[1]),
                    tenantTx.array("uuid", judged, r -> r[2]), tenantTx.array("boolean", judged, r -> r[3]));
        }
    }
}
