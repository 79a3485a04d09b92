package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.reporting.management.Management;
import dk.gennemsyn.reporting.model.ComplianceMonths;
import dk.gennemsyn.reporting.model.TenantCaseRows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's key figures (cases, placements, cost per placement, cases per caseworker, screening compliance by month)
 * and the trend between two of its reviews on the same instrument.
 */
@Singleton
public class TenantReports {

    /** A legal rule's compliance in a month; {@code title} and {@code paragraph} name the rule in Danish. */
    @Serdeable
    public record MonthRate(LocalDate month, String rule, int met, int judged, double rate, String title,
                            String paragraph) {
    }

    @Serdeable
    public record KeyFigures(long cases, long openCases, long placements, @Nullable Long costPerPlacementKr,
                             long caseworkers, @Nullable Double casesPerCaseworker, List<MonthRate> compliance) {
    }

    @Serdeable
    public record TrendLine(String questionId, String text, String code, String label, @Nullable Double shareA,
                            @Nullable Double shareB) {
    }

    @Serdeable
    public record Trend(Reports.ReviewRef a, Reports.ReviewRef b, List<TrendLine> lines, List<Reports.RuleRate> rulesA,
                        List<Reports.RuleRate> rulesB) {
    }

    private final TenantTx tenantTx;
    private final Reports reports;
    private final Summaries summaries;
    private final Management management;
    private final TenantCaseRows cases;
    private final ComplianceMonths compliance;

    TenantReports(TenantTx tenantTx, Reports reports, Summaries summaries, Management management, TenantCaseRows cases,
                  ComplianceMonths compliance) {
        this.tenantTx = tenantTx;
        this.reports = reports;
        this.summaries = summaries;
        this.management = management;
        this.cases = cases;
        this.compliance = compliance;
    }

    /**
     * The placements' cost and the caseload come from {@link Management}, as on their own pages, so the figures agree
     * wherever they are shown (and flagged data is left out the same way).
     */
    public KeyFigures keyFigures(Caller caller) {
        Reports.requireStaff(caller);
        Management.Costs costs = management.costs(caller);
        Management.Caseload load = management.caseload(caller);
        return tenantTx.read(caller.tenant(), () -> {
            TenantCaseRows.Totals c = cases.totals();
            List<MonthRate> months = compliance.rates().stream().map(m -> new MonthRate(m.month(), m.rule(), m.met(),
                    m.judged(), (double) m.met() / m.judged(), m.title(), m.paragraph())).toList();
            return new KeyFigures(c.cases(), c.openCases(), costs.placements(), costs.costPerPlacementKr(), load.caseworkers(),
                    load.perCaseworker(), months);
        });
    }

    /** Two reviews side by side, answer by answer (shares), and rule by rule: e.g. Halsnæs 2013 against 2018. */
    public Trend trend(Caller caller, UUID a, UUID b) {
        Reports.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> {
            Reports.Summary sa = summaries.of(reports.review(a), reports.blindFor(caller, a));
            Reports.Summary sb = summaries.of(reports.review(b), reports.blindFor(caller, b));
            if (!sa.review().instrumentId().isEmpty() && !sb.review().instrumentId().isEmpty()
                    && !family(sa).equals(family(sb))) {
                throw ProblemException.invalid("b", "De to gennemgange er vurderet med forskellige instrumenter.");
            }
            Map<String, Reports.QuestionSummary> inB = new LinkedHashMap<>();
            sb.questions().forEach(q -> inB.put(q.question().question_id(), q));
            List<TrendLine> lines = new ArrayList<>();
            for (Reports.QuestionSummary q : sa.questions()) {
                Reports.QuestionSummary other = inB.get(q.question().question_id());
                for (Reports.AnswerCount ac : q.answers()) {
                    Double shareB = other == null ? null : other.answers().stream().filter(x -> x.code().equals(ac.code()))
                            .map(Reports.AnswerCount::share).findFirst().orElse(0.0);
                    lines.add(new TrendLine(q.question().question_id(), q.question().text(), ac.code(), ac.label(),
                            q.answered() == 0 ? null : ac.share(), other == null || other.answered() == 0 ? null : shareB));
                }
            }
            return new Trend(sa.review(), sb.review(), lines, sa.rules(), sb.rules());
        });
    }

    /** The questions' ids: two versions of one instrument family share them. */
    private static List<String> family(Reports.Summary s) {
        return s.questions().stream().map(q -> q.question().question_id()).sorted().toList();
    }
}
