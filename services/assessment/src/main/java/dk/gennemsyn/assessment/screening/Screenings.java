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

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps every known case's screening results current and publishes what changed.
 * Hand SQL, not a repository: screening batches are set-based (a case's results upserted as one JDBC batch, the
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

    /**
     * Inside the tenant's transaction: screens the case, and when any result changed stores them, publishes
     * ScreeningResultChanged and marks the case's reviews for a new summary.
     */
    public void screen(String tenant, String caseId, String alias, String caseType, long version,
                       List<CaseEvent> timeline) {
        List<Screener.Result> results = Screener.screen(timeline, caseType, today());
        Map<String, Stored> before = new HashMap<>();
        tenantTx.query("select rule, result, evidence, recheck_on from screening_results where case_id = ?::uuid",
                rs -> before.put(rs.getString(1), new Stored(rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()), rs.getObject(4, LocalDate.class))), caseId);
        boolean changed = before.size() != results.size() || results.stream().anyMatch(r -> {
            Stored s = before.get(r.rule().code);
            return s == null || !s.result.equals(r.outcome().code) || !s.evidence.equals(r.evidence())
                    || !Objects.equals(s.recheckOn, r.recheckOn());
        });
        if (!changed) {
            tenantTx.update("update screening_results set case_version = ? where case_id = ?::uuid", version, caseId);
            return;
        }
        store(tenant, caseId, version, results);
        ScreeningResultChanged.Builder event = ScreeningResultChanged.newBuilder().setCaseId(caseId).setAlias(alias)
                .setCaseVersion(version);
        for (Screener.Result r : results) {
            event.addResults(RuleResult.newBuilder().setRule(r.rule().code).setResult(r.outcome().code)
                    .addAllEvidence(r.evidence()));
        }
        outbox.append(tenant, caseId, event.build());
        tenantTx.update("""
                insert into screening_dirty_reviews (tenant, review_id)
                select tenant, review_id from review_selections where case_id = ?::uuid
                on conflict do nothing""", caseId);
        seen(tenant);
    }

    private record Stored(String result, List<String> evidence, LocalDate recheckOn) {
    }

    private void store(String tenant, String caseId, long version, List<Screener.Result> results) {
        Connection c = tenantTx.connection();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into screening_results (tenant, case_id, rule, result, evidence, recheck_on, case_version)
                values (?, ?::uuid, ?, ?, ?, ?, ?)
                on conflict (case_id, rule) do update set result = excluded.result, evidence = excluded.evidence,
                    recheck_on = excluded.recheck_on, case_version = excluded.case_version,
                    changed_at = case when screening_results.result = excluded.result
                                      then screening_results.changed_at else now() end""")) {
            for (Screener.Result r : results) {
                Array evidence = c.createArrayOf("text", r.evidence().toArray());
                ps.setString(1, tenant);
                ps.setString(2, caseId);
                ps.setString(3, r.rule().code);
                ps.setString(4, r.outcome().code);
                ps.setArray(5, evidence);
                ps.setDate(6, r.recheckOn() == null ? null : Date.valueOf(r.recheckOn()));
                ps.setLong(7, version);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("storing screening results failed", e);
        }
    }

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
            for (String[] k : due) {
                screen(tenant, k[0], k[1], k[2], Long.parseLong(k[3]), timeline(k[4]));
            }
            return due.size();
        });
    }
}
