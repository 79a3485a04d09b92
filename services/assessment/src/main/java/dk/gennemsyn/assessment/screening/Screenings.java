package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.platform.web.DanishFormat;

import dk.gennemsyn.platform.db.JsonColumns;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps every known case's screening results current and publishes what changed.
 * Hand SQL, not a repository: screening batches are set-based (a batch of cases' results upserted in one statement, the
 * dirty reviews marked with one insert ... select, the due cases found with one query over text[] and jsonb).
 */
@Singleton
public class Screenings {

    /** Deadlines are Danish days. */

    private final TenantTx tenantTx;
    private final KnownTenants knownTenants;
    private final Outbox outbox;
    private final Clock clock;
    private final JsonColumns json;

    Screenings(TenantTx tenantTx, Outbox outbox, Clock clock, JsonColumns json, KnownTenants knownTenants) {
        this.tenantTx = tenantTx;
        this.knownTenants = knownTenants;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(DanishFormat.ZONE));
    }

    public String json(List<CaseEvent> timeline) {
        return json.write(timeline);
    }

    List<CaseEvent> timeline(String text) {
        return json.read(text, Argument.listOf(CaseEvent.class));
    }

    /** A case's snapshot to screen. */
    public record Snapshot(String caseId, String alias, String caseType, long version, List<CaseEvent> timeline) {
    }

    /**
     * Inside the tenant's transaction: screens the cases, and for those whose results changed stores them, publishes
     * ScreeningResultChanged and marks their reviews for a new summary. One statement per step for all the cases.
     */
    public void screenAll(String tenant, List<Snapshot> cases) {
        if (cases.isEmpty()) {
            return;
        }
        LocalDate today = today();
        Map<String, Map<String, Stored>> before = new HashMap<>();
        for (Stored s : tenantTx.query("""
                select case_id::text, rule, result, evidence, recheck_on from screening_results
                where case_id = any(?::uuid[])""", rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                List.of((String[]) rs.getArray(4).getArray()), rs.getObject(5, LocalDate.class)),
                tenantTx.array("uuid", cases, Snapshot::caseId))) {
            before.computeIfAbsent(s.caseId, k -> new HashMap<>()).put(s.rule, s);
        }
        List<Snapshot> unchanged = new ArrayList<>();
        Map<Snapshot, List<Screener.Result>> changed = new LinkedHashMap<>();
        for (Snapshot c : cases) {
            List<Screener.Result> results = Screener.screen(c.timeline(), c.caseType(), today);
            if (changed(before.getOrDefault(c.caseId(), Map.of()), results)) {
                changed.put(c, results);
            } else {
                unchanged.add(c);
            }
        }
        if (!unchanged.isEmpty()) {
            tenantTx.update("""
                    update screening_results s set case_version = t.v
                    from unnest(?::uuid[], ?::bigint[]) as t(id, v) where s.case_id = t.id""",
                    tenantTx.array("uuid", unchanged, Snapshot::caseId),
                    tenantTx.array("bigint", unchanged, Snapshot::version));
        }
        if (changed.isEmpty()) {
            return;
        }
        store(tenant, changed);
        changed.forEach((c, results) -> {
            ScreeningResultChanged.Builder event = ScreeningResultChanged.newBuilder().setCaseId(c.caseId())
                    .setAlias(c.alias()).setCaseVersion(c.version());
            for (Screener.Result r : results) {
                event.addResults(RuleResult.newBuilder().setRule(r.rule().code).setResult(r.outcome().code)
                        .addAllEvidence(r.evidence()));
            }
            outbox.append(tenant, c.caseId(), event.build());
        });
        tenantTx.update("""
                insert into screening_dirty_reviews (tenant, review_id)
                select distinct tenant, review_id from review_selections where case_id = any(?::uuid[])
                on conflict do nothing""", tenantTx.array("uuid", changed.keySet(), Snapshot::caseId));
        seen(tenant);
    }

    private static boolean changed(Map<String, Stored> before, List<Screener.Result> results) {
        return before.size() != results.size() || results.stream().anyMatch(r -> {
            Stored s = before.get(r.rule().code);
            return s == null || !s.result.equals(r.outcome().code) || !s.evidence.equals(r.evidence())
                    || !Objects.equals(s.recheckOn, r.recheckOn());
        });
    }

    private record Stored(String caseId, String rule, String result, List<String> evidence, LocalDate recheckOn) {
    }

    /**
     * All the changed cases' results in one statement over arrays. A SQL array cannot hold lists of different lengths,
     * so each evidence list travels as one text joined by the unit separator, which no evidence text contains (a
     * JSON array unpacked by a subquery per row cost a third of the statement).
     */
    private void store(String tenant, Map<Snapshot, List<Screener.Result>> changed) {
        List<Object[]> rows = new ArrayList<>();
        changed.forEach((c, results) -> results.forEach(r -> rows.add(new Object[]{c.caseId(), r.rule().code,
                r.outcome().code, String.join(UNIT_SEPARATOR, r.evidence()),
                r.recheckOn() == null ? null : Date.valueOf(r.recheckOn()), c.version()})));
        tenantTx.update("""
                insert into screening_results (tenant, case_id, rule, result, evidence, recheck_on, case_version)
                select ?, id, rule, result, string_to_array(evidence, chr(31)), recheck_on, v
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::date[], ?::bigint[])
                    as t(id, rule, result, evidence, recheck_on, v)
                on conflict (case_id, rule) do update set result = excluded.result, evidence = excluded.evidence,
                    recheck_on = excluded.recheck_on, case_version = excluded.case_version,
                    changed_at = case when screening_results.result = excluded.result
                                      then screening_results.changed_at else now() end""", tenant,
                tenantTx.array("uuid", rows, r -> r[0]), tenantTx.array("text", rows, r -> r[1]),
                tenantTx.array("text", rows, r -> r[2]), tenantTx.array("text", rows, r -> r[3]),
                tenantTx.array("date", rows, r -> r[4]), tenantTx.array("bigint", rows, r -> r[5]));
    }

    private static final String UNIT_SEPARATOR = "\u001f";


    /** A review's selection changed: its summary is computed again by {@link ScreeningSummaries}. */
    public void reviewChanged(String tenant, String reviewId) {
        tenantTx.update("insert into screening_dirty_reviews (tenant, review_id) values (?, ?::uuid) on conflict do nothing",
                tenant, reviewId);
        seen(tenant);
    }

    private void seen(String tenant) {
        knownTenants.remember(tenant);
    }

    /** Screens again, in the tenant's transaction, the cases with a deadline that has passed since. */
    int recheckDue(String tenant) {
        return tenantTx.write(tenant, () -> {
            List<String[]> due = tenantTx.query("""
                    select k.case_id::text, k.alias, k.case_type, k.version, k.timeline::text from known_cases k
                    where k.case_id in (select case_id from screening_results where recheck_on <= ?)""",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)}, Date.valueOf(today()));
            screenAll(tenant, due.stream()
                    .map(k -> new Snapshot(k[0], k[1], k[2], Long.parseLong(k[3]), timeline(k[4]))).toList());
            return due.size();
        });
    }
}
