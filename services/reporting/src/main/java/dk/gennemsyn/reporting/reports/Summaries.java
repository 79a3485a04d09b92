package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.stats.Agreement;
import dk.gennemsyn.reporting.model.CaseAssessmentRows;
import dk.gennemsyn.reporting.model.CaseFindingRows;
import dk.gennemsyn.reporting.model.ReviewScreeningRows;
import dk.gennemsyn.reporting.reports.Reports.AgreementLine;
import dk.gennemsyn.reporting.reports.Reports.AnswerCount;
import dk.gennemsyn.reporting.reports.Reports.CaseRow;
import dk.gennemsyn.reporting.reports.Reports.CostLine;
import dk.gennemsyn.reporting.reports.Reports.Option;
import dk.gennemsyn.reporting.reports.Reports.Question;
import dk.gennemsyn.reporting.reports.Reports.QuestionSummary;
import dk.gennemsyn.reporting.reports.Reports.ReviewRef;
import dk.gennemsyn.reporting.reports.Reports.RuleRate;
import dk.gennemsyn.reporting.reports.Reports.Summary;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A review's summary, for the steering group too (figures, never a single case): answer counts and shares per closed
 * question, compliance per legal rule, agreement between the rounds, cost of over- and under-compensation, findings
 * by severity. Cases blind for the caller count without their content.
 */
@Singleton
public class Summaries {

    private final TenantTx tenantTx;
    private final Reports reports;
    private final CaseAssessmentRows assessments;
    private final CaseFindingRows findings;
    private final ReviewScreeningRows screenings;

    Summaries(TenantTx tenantTx, Reports reports, CaseAssessmentRows assessments, CaseFindingRows findings,
              ReviewScreeningRows screenings) {
        this.tenantTx = tenantTx;
        this.reports = reports;
        this.assessments = assessments;
        this.findings = findings;
        this.screenings = screenings;
    }

    public Summary of(Caller caller, UUID review) {
        Reports.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> of(reports.review(review), reports.blindFor(caller, review)));
    }

    /** Inside a tenant transaction; {@code blind}: cases whose content is left out (see {@link Reports#blindFor}). */
    public Summary of(ReviewRef r, Set<UUID> blind) {
        List<Question> questions = reports.questions(r);
        List<CaseRow> rows = reports.rows(r.id(), questions, blind);
        List<CaseRow> assessed = rows.stream().filter(CaseRow::assessed).toList();
        List<QuestionSummary> qs = new ArrayList<>();
        for (Question q : questions.stream().filter(Question::closed).toList()) {
            int answered = (int) assessed.stream().filter(c -> c.codes().containsKey(q.question_id())).count();
            List<AnswerCount> counts = new ArrayList<>();
            for (Option o : q.options()) {
                int n = (int) assessed.stream().filter(c -> o.code().equals(c.codes().get(q.question_id()))).count();
                counts.add(new AnswerCount(o.code(), o.label(), n, answered == 0 ? 0 : (double) n / answered));
            }
            qs.add(new QuestionSummary(q, answered, counts));
        }
        List<CostLine> compensation = new ArrayList<>();
        questions.stream().filter(q -> q.type().equals("compensation")).findFirst().ifPresent(q -> {
            for (Option o : q.options()) {
                List<CaseRow> with = assessed.stream().filter(c -> o.code().equals(c.codes().get(q.question_id()))).toList();
                compensation.add(new CostLine(o.code(), o.label(), with.size(), with.stream().mapToLong(CaseRow::yearlyCostKr).sum()));
            }
        });
        Map<String, Integer> severities = new LinkedHashMap<>();
        Reports.SEVERITIES.keySet().forEach(s -> severities.put(s, 0));
        findings.findByReviewId(r.id()).stream().filter(f -> !blind.contains(f.caseId()))
                .forEach(f -> severities.merge(f.severity(), 1, Integer::sum));
        return new Summary(r, rows.size(), assessed.size(), qs, rules(r.id()), agreement(r.id(), questions, blind),
                compensation, severities);
    }

    /** Per legal rule, as the Børnesagsbarometer reports it: the share of judged cases that met it. */
    private List<RuleRate> rules(UUID review) {
        List<Map<String, Object>> rules = screenings.rules(review).map(reports::readList).orElse(List.of());
        List<RuleRate> out = new ArrayList<>();
        for (Map<String, Object> m : rules) {
            int met = Reports.num(m.get("met"));
            int notMet = Reports.num(m.get("not_met"));
            String title = String.valueOf(m.getOrDefault("title", ""));
            out.add(new RuleRate((String) m.get("rule"), title.isEmpty() ? (String) m.get("rule") : title, met, notMet,
                    Reports.num(m.get("not_applicable")), Reports.num(m.get("unknown")),
                    met + notMet == 0 ? null : (double) met / (met + notMet)));
        }
        return out;
    }

    /** Round 1 against the blind round 2, per closed question: percent agreement and Cohen's kappa. */
    private List<AgreementLine> agreement(UUID review, List<Question> questions, Set<UUID> blind) {
        Map<UUID, Map<Integer, Map<String, String>>> byCase = new LinkedHashMap<>();
        assessments.answers(review).stream().filter(a -> !blind.contains(a.caseId()))
                .forEach(a -> byCase.computeIfAbsent(a.caseId(), k -> new LinkedHashMap<>())
                        .put(a.round(), Reports.castMap(reports.readMap(a.answers()))));
        List<AgreementLine> out = new ArrayList<>();
        for (Question q : questions.stream().filter(Question::closed).toList()) {
            List<Agreement.Pair> pairs = new ArrayList<>();
            for (var rounds : byCase.values()) {
                String a = rounds.getOrDefault(1, Map.of()).get(q.question_id());
                String b = rounds.getOrDefault(2, Map.of()).get(q.question_id());
                if (a != null && b != null) {
                    pairs.add(new Agreement.Pair(a, b));
                }
            }
            if (!pairs.isEmpty()) {
                out.add(new AgreementLine(q.question_id(), q.text(), q.type().equals("ordinal")
                        ? Agreement.ordinal(pairs, q.options().size()) : Agreement.nominal(pairs)));
            }
        }
        return out;
    }
}
