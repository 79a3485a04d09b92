package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.reporting.model.CaseAssessmentRows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an instrument of free text yields (Varde's case notes: motivation, summary, a learning question): per text
 * question, the reviewers' answers case by case, searchable and exportable. They are case content, so only the staff
 * who read cases see them (not the steering group), never a case still blind for the caller, and each read is logged.
 */
@Singleton
public class TextAnswers {

    @Serdeable
    public record Answer(String alias, int round, String text) {
    }

    @Serdeable
    public record Question(String questionId, String text, List<Answer> answers) {
    }

    private final TenantTx tenantTx;
    private final Reports reports;
    private final CaseAssessmentRows assessments;
    private final AccessLog accessLog;

    TextAnswers(TenantTx tenantTx, Reports reports, CaseAssessmentRows assessments, AccessLog accessLog) {
        this.tenantTx = tenantTx;
        this.reports = reports;
        this.assessments = assessments;
        this.accessLog = accessLog;
    }

    /** {@code search}: only answers containing it (any case). */
    public List<Question> of(Caller caller, UUID review, @Nullable String search) {
        if (!Reports.readsCases(caller)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden",
                    "Tekstsvarene er sagernes indhold; de er for kommunens medarbejdere, der arbejder med sagerne.", null);
        }
        String needle = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
        return tenantTx.write(caller.tenant(), () -> {
            Reports.ReviewRef r = reports.review(review);
            Set<UUID> blind = reports.blindFor(caller, review);
            List<Reports.Question> texts = reports.questions(r).stream().filter(q -> !q.closed()).toList();
            record Row(UUID caseId, String alias, int round, Map<String, Object> answers) {
            }
            List<Row> rows = assessments.answersByAlias(review).stream()
                    .map(a -> new Row(a.caseId(), a.alias(), a.round(), reports.readMap(a.answers())))
                    .filter(x -> !blind.contains(x.caseId())).toList();
            List<Question> out = new ArrayList<>();
            Set<String> read = new java.util.LinkedHashSet<>();
            for (Reports.Question q : texts) {
                List<Answer> answers = new ArrayList<>();
                for (Row x : rows) {
                    Object v = x.answers().get(q.question_id());
                    String text = v == null ? "" : String.valueOf(v).strip();
                    if (!text.isEmpty() && (needle == null || text.toLowerCase(Locale.ROOT).contains(needle))) {
                        answers.add(new Answer(x.alias(), x.round(), text));
                        read.add(x.caseId().toString());
                    }
                }
                out.add(new Question(q.question_id(), q.text(), answers));
            }
            accessLog.recordAll(caller, read, AccessLog.Action.READ, "rapport: tekstsvar");
            return out;
        });
    }
}
