package dk.gennemsyn.assessment.agreement;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.assessment.assessments.Assessments;
import dk.gennemsyn.assessment.instruments.Definition;
import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.assessment.instruments.QuestionType;
import dk.gennemsyn.platform.stats.Agreement;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A review's agreement between first and second reviews: per question, overall (first round against second) and per
 * pair of reviewers (unordered: the same two people are one pair whoever reviewed first).
 */
@Singleton
public class AgreementReport {

    @Serdeable
    public record PairLine(String first, String second, Agreement.Result result) {
    }

    @Serdeable
    public record QuestionLine(String questionId, String text, String type, Agreement.Result overall,
                               List<PairLine> byPair) {
    }

    private final TenantTx tenantTx;
    private final Assessments assessments;
    private final Instruments instruments;

    AgreementReport(TenantTx tenantTx, Assessments assessments, Instruments instruments) {
        this.tenantTx = tenantTx;
        this.assessments = assessments;
        this.instruments = instruments;
    }

    /** Aggregates only (no case data): staff. Closed questions only; text and numbers are not compared. */
    public List<QuestionLine> forReview(Caller caller, java.util.UUID reviewId) {
        Access.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> {
            Access.requireReview(tenantTx, reviewId);
            List<Assessments.Assignment[]> pairs = assessments.submittedPairs(reviewId);
            List<QuestionLine> out = new ArrayList<>();
            if (pairs.isEmpty()) {
                return out;
            }
            Definition d = instruments.find(pairs.get(0)[0].instrumentId()).definition();
            for (Definition.Question q : d.questions()) {
                QuestionType type = q.kind();
                if (type == QuestionType.TEXT || type == QuestionType.NUMBER) {
                    continue;
                }
                List<Agreement.Pair> all = new ArrayList<>();
                Map<String, List<Agreement.Pair>> byPair = new LinkedHashMap<>();
                for (Assessments.Assignment[] p : pairs) {
                    String a = p[0].answers().get(q.id());
                    String b = p[1].answers().get(q.id());
                    if (a == null || b == null) {
                        continue;
                    }
                    all.add(new Agreement.Pair(a, b));
                    // A pair of people is one pair whoever reviewed first: name order, their answers swapped with it.
                    boolean swap = p[0].reviewerName().compareTo(p[1].reviewerName()) > 0;
                    String key = swap ? p[1].reviewerName() + "\u0000" + p[0].reviewerName()
                            : p[0].reviewerName() + "\u0000" + p[1].reviewerName();
                    byPair.computeIfAbsent(key, k -> new ArrayList<>()).add(swap ? new Agreement.Pair(b, a)
                            : new Agreement.Pair(a, b));
                }
                List<PairLine> lines = new ArrayList<>();
                byPair.forEach((k, v) -> {
                    String[] names = k.split("\u0000");
                    lines.add(new PairLine(names[0], names[1], compute(q, v)));
                });
                out.add(new QuestionLine(q.id(), q.text(), q.type(), compute(q, all), lines));
            }
            return out;
        });
    }

    private static Agreement.Result compute(Definition.Question q, List<Agreement.Pair> pairs) {
        return q.kind() == QuestionType.ORDINAL ? Agreement.ordinal(pairs, q.steps().size()) : Agreement.nominal(pairs);
    }
}
