package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reading screening results: the overview with filters, one case's results, the summaries. Reads are logged.
 * Hand SQL, not a repository: the overview is a query built from optional filters with a window count, and the
 * results are read for a whole page of cases at once (= any(uuid[]), text[] evidence).
 */
@Singleton
public class ScreeningView {

    @Serdeable
    public record CaseRow(UUID caseId, String alias, String caseType, Map<String, String> results) {
    }

    @Serdeable
    public record RuleDetail(String rule, String title, String references, String result, String resultLabel,
                             List<String> evidence) {
    }

    @Serdeable
    public record CaseDetail(UUID caseId, String alias, String caseType, long version, List<RuleDetail> rules,
                             List<CaseEvent> timeline) {
    }

    @Serdeable
    public record RuleInfo(String rule, String title, @Nullable String barnetsLov, String serviceloven,
                           String servicelovenFrom, String barnetsLovFrom) {
    }

    private final TenantTx tenantTx;
    private final AccessLog accessLog;
    private final Screenings screenings;
    private final ScreeningSummaries summaries;

    ScreeningView(TenantTx tenantTx, AccessLog accessLog, Screenings screenings, ScreeningSummaries summaries) {
        this.tenantTx = tenantTx;
        this.accessLog = accessLog;
        this.screenings = screenings;
        this.summaries = summaries;
    }

    public static List<RuleInfo> rules() {
        List<RuleInfo> out = new ArrayList<>();
        for (LegalRule r : LegalRule.values()) {
            out.add(new RuleInfo(r.code, r.title, r.barnetsLov, r.serviceloven, r.servicelovenFrom.toString(),
                    LegalRule.BARNETS_LOV_FROM.toString()));
        }
        return out;
    }

    /** Staff only: per rule counts for a review's cases, or for all the tenant's cases. Aggregates: no case log. */
    public ScreeningSummaries.Summary summary(Caller caller, @Nullable UUID reviewId) {
        Access.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> {
            if (reviewId != null) {
                Access.requireReview(tenantTx, reviewId);
            }
            return summaries.summary(reviewId);
        });
    }

    /** Staff only: cases with their results, filtered by review, rule and result; each listed case is logged. */
    public Paging.Page<CaseRow> cases(Caller caller, @Nullable UUID reviewId, @Nullable String rule,
                                      @Nullable String result, int page, int size) {
        Access.requireStaff(caller);
        if (rule != null && LegalRule.ofCode(rule).isEmpty()) {
            throw ProblemException.invalid("rule", "Ukendt regel: vælg en af reglerne i screeningen.");
        }
        if (result != null) {
            try {
                Outcome.ofCode(result);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("result",
                        "Ukendt resultat: brug met, not_met, not_applicable eller unknown.");
            }
        }
        if (result != null && rule == null) {
            throw ProblemException.invalid("rule", "Vælg en regel for at filtrere på resultat.");
        }
        Paging.of(page, size, null);
        return tenantTx.write(caller.tenant(), () -> {
            if (reviewId != null) {
                Access.requireReview(tenantTx, reviewId);
            }
            StringBuilder sql = new StringBuilder("select k.case_id, k.alias, k.case_type, count(*) over () from known_cases k");
            List<Object> args = new ArrayList<>();
            if (reviewId != null) {
                sql.append(" join review_selections rs on rs.case_id = k.case_id and rs.review_id = ?");
                args.add(reviewId);
            }
            sql.append(" where true");
            if (rule != null) {
                sql.append(" and exists (select 1 from screening_results s where s.case_id = k.case_id and s.rule = ?");
                args.add(rule);
                if (result != null) {
                    sql.append(" and s.result = ?");
                    args.add(result);
                }
                sql.append(")");
            }
            sql.append(" order by length(k.alias), k.alias limit ? offset ?");
            args.add(size);
            args.add((long) page * size);
            long[] total = {0};
            List<CaseRow> rows = tenantTx.query(sql.toString(), rs -> {
                total[0] = rs.getLong(4);
                return new CaseRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), new LinkedHashMap<>());
            }, args.toArray());
            Map<UUID, CaseRow> byId = new LinkedHashMap<>();
            rows.forEach(r -> byId.put(r.caseId(), r));
            if (!rows.isEmpty()) {
                tenantTx.query("select case_id, rule, result from screening_results where case_id = any(?::uuid[])", rs -> {
                    byId.get(rs.getObject(1, UUID.class)).results().put(rs.getString(2), rs.getString(3));
                    return null;
                }, (Object) byId.keySet().stream().map(UUID::toString).toArray(String[]::new));
            }
            accessLog.recordAll(caller, rows.stream().map(r -> r.caseId().toString()).toList(), AccessLog.Action.READ,
                    "screening-oversigt");
            return new Paging.Page<>(rows, page, size, total[0]);
        });
    }

    /** Staff only: one case's results with the dates used, and its timeline. Logged. */
    public CaseDetail detail(Caller caller, UUID caseId) {
        Access.requireStaff(caller);
        return tenantTx.write(caller.tenant(), () -> {
            CaseDetail d = caseData(caseId);
            accessLog.record(caller, caseId.toString(), AccessLog.Action.READ, "screening");
            return d;
        });
    }

    /** Inside TenantTx, for a caller already allowed to see the case (the caller logs the read). */
    public CaseDetail caseData(UUID caseId) {
        List<CaseDetail> found = tenantTx.query(
                "select alias, case_type, version, timeline::text from known_cases where case_id = ?",
                rs -> new CaseDetail(caseId, rs.getString(1), rs.getString(2), rs.getLong(3), new ArrayList<>(),
                        screenings.timeline(rs.getString(4))), caseId);
        if (found.isEmpty()) {
            throw ProblemException.notFound("Sagen findes ikke.");
        }
        CaseDetail d = found.get(0);
        Map<String, RuleDetail> byRule = new LinkedHashMap<>();
        tenantTx.query("select rule, result, evidence from screening_results where case_id = ?", rs -> {
            Outcome o = Outcome.ofCode(rs.getString(2));
            byRule.put(rs.getString(1), new RuleDetail(rs.getString(1), "", "", o.code, o.label,
                    List.of((String[]) rs.getArray(3).getArray())));
            return null;
        }, caseId);
        for (LegalRule r : LegalRule.values()) {
            RuleDetail stored = byRule.get(r.code);
            d.rules().add(stored == null
                    ? new RuleDetail(r.code, r.title, r.references(), Outcome.UNKNOWN.code, "Ikke screenet", List.of())
                    : new RuleDetail(r.code, r.title, r.references(), stored.result(), stored.resultLabel(),
                    stored.evidence()));
        }
        return d;
    }
}
