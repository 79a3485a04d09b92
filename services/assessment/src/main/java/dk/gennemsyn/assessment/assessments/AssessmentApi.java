package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.agreement.AgreementReport;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Assignments, answers (autosave, submit), the blind comparison, agreement and findings. */
@Controller("/api")
@Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.REVIEWER})
class AssessmentApi {

    @Serdeable
    record AnswersBody(@Nullable Map<String, String> answers) {
    }

    @Serdeable
    record FindingBody(@Nullable String category, @Nullable String severity, @Nullable String text,
                       @Nullable Boolean urgent, @Nullable Boolean budgetRelevant, @Nullable Long expectedYearlyKr) {
    }

    @Serdeable
    record ModerationBody(@Nullable String questionId, @Nullable String answer, @Nullable String reason) {
    }

    @Serdeable
    record ValidationBody(@Nullable String verdict, @Nullable String comment) {
    }

    /** {@code action}: acknowledged (seen) or handled (dealt with; the note says how). */
    @Serdeable
    record HandlingBody(@Nullable String action, @Nullable String note) {
    }

    private final Assessments assessments;
    private final Assignments assignments;
    private final Findings findings;
    private final AgreementReport agreement;
    private final Finals finals;
    private final FindingView findingView;

    AssessmentApi(Assessments assessments, Assignments assignments, Findings findings, AgreementReport agreement, Finals finals,
                  FindingView findingView) {
        this.assessments = assessments;
        this.assignments = assignments;
        this.findings = findings;
        this.agreement = agreement;
        this.finals = finals;
        this.findingView = findingView;
    }

    /** One finding with the case's timeline and what was done about it (staff, and the reviewer who recorded it). */
    @Get("/findings/{id}")
    FindingView.Detail finding(@PathVariable UUID id, Authentication auth) {
        return findingView.detail(Caller.of(auth), id);
    }

    @Post("/findings/{id}/handling")
    FindingView.Detail handleFinding(@PathVariable UUID id, @Body HandlingBody b, Authentication auth) {
        return findingView.handle(Caller.of(auth), id, b.action(), b.note());
    }

    /** The review's findings, urgent first, with how far each is dealt with (staff). */
    @Get("/reviews/{reviewId}/findings")
    List<FindingView.Line> findingsOfReview(@PathVariable UUID reviewId, Authentication auth) {
        return findingView.ofReview(Caller.of(auth), reviewId);
    }

    /** A moderator's final answer to a question the two reviews disagree on, with the reason. */
    @Post("/reviews/{reviewId}/cases/{caseId}/moderation")
    Finals.Final moderate(@PathVariable UUID reviewId, @PathVariable UUID caseId, @Body ModerationBody b,
                          Authentication auth) {
        return finals.moderate(Caller.of(auth), reviewId, caseId, b.questionId(), b.answer(), b.reason());
    }

    /** Every assessed case's final assessment and validation; {@code locked} once all are validated. */
    @Get("/reviews/{reviewId}/validation")
    Finals.ReviewValidation validation(@PathVariable UUID reviewId, Authentication auth) {
        return finals.forReview(Caller.of(auth), reviewId);
    }

    @Post("/reviews/{reviewId}/cases/{caseId}/validation")
    Finals.ReviewValidation validate(@PathVariable UUID reviewId, @PathVariable UUID caseId, @Body ValidationBody b,
                                     Authentication auth) {
        return finals.validate(Caller.of(auth), reviewId, caseId, b.verdict(), b.comment());
    }

    /** Every change to the case's assessment (who, when, what). */
    @Get("/reviews/{reviewId}/cases/{caseId}/history")
    List<Finals.Change> history(@PathVariable UUID reviewId, @PathVariable UUID caseId, Authentication auth) {
        return finals.history(Caller.of(auth), reviewId, caseId);
    }

    /** Distributes the review's selected cases to its active reviewers (balanced); returns what was assigned. */
    @Post("/reviews/{reviewId}/assignments")
    HttpResponse<List<Assessments.Assignment>> assign(@PathVariable UUID reviewId, Authentication auth) {
        return HttpResponse.created(assignments.assign(Caller.of(auth), reviewId));
    }

    /** Moves a case not yet submitted to another active reviewer of the review; logged, and the new reviewer told. */
    @Post("/assignments/{id}/reassignment")
    Assessments.Assignment reassign(@PathVariable UUID id, @Body ReassignBody b, Authentication auth) {
        return assignments.reassign(Caller.of(auth), id, b.reviewer(), b.reason());
    }

    @Serdeable
    record ReassignBody(@Nullable String reviewer, @Nullable String reason) {
    }

    @Get("/reviews/{reviewId}/assignments")
    List<Assessments.Assignment> ofReview(@PathVariable UUID reviewId, Authentication auth) {
        return assessments.ofReview(Caller.of(auth), reviewId);
    }

    @Get("/reviews/{reviewId}/agreement")
    List<AgreementReport.QuestionLine> agreement(@PathVariable UUID reviewId, Authentication auth) {
        return agreement.forReview(Caller.of(auth), reviewId);
    }

    /** Both rounds' answers: 409 until both are submitted (the second review is blind). */
    @Get("/reviews/{reviewId}/cases/{caseId}/comparison")
    List<Assessments.Assignment> comparison(@PathVariable UUID reviewId, @PathVariable UUID caseId,
                                            Authentication auth) {
        return assessments.comparison(Caller.of(auth), reviewId, caseId);
    }

    /** The caller's work list, a page at a time: open assignments first, then by alias. */
    @Get("/assignments")
    Paging.Page<Assessments.Assignment> mine(@QueryValue(defaultValue = "0") int page,
                                             @QueryValue(defaultValue = "50") int size, Authentication auth) {
        return assessments.mine(Caller.of(auth), Paging.of(page, size, Sort.unsorted()));
    }

    @Get("/assignments/{id}")
    HttpResponse<Assessments.Workspace> workspace(@PathVariable UUID id, Authentication auth) {
        Assessments.Workspace w = assessments.workspace(Caller.of(auth), id);
        return HttpResponse.ok(w).header("ETag", Versions.etag(w.assignment().lockVersion()));
    }

    @Put("/assignments/{id}/answers")
    HttpResponse<Assessments.Assignment> save(@PathVariable UUID id, @Body AnswersBody body, HttpRequest<?> request,
                                              Authentication auth) {
        return etag(HttpResponse.ok(assessments.save(Caller.of(auth), id, Versions.ifMatchVersion(request),
                body.answers())));
    }

    @Post("/assignments/{id}/submit")
    HttpResponse<Assessments.Assignment> submit(@PathVariable UUID id, HttpRequest<?> request, Authentication auth) {
        return etag(HttpResponse.ok(assessments.submit(Caller.of(auth), id, Versions.ifMatchVersion(request))));
    }

    @Post("/assignments/{id}/findings")
    HttpResponse<Findings.Finding> finding(@PathVariable UUID id, @Body FindingBody b, Authentication auth) {
        return HttpResponse.created(findings.record(Caller.of(auth), id, new Findings.Input(b.category(), b.severity(),
                b.text(), Boolean.TRUE.equals(b.urgent()), Boolean.TRUE.equals(b.budgetRelevant()), b.expectedYearlyKr())));
    }

    private static HttpResponse<Assessments.Assignment> etag(MutableHttpResponse<Assessments.Assignment> r) {
        return r.header("ETag", Versions.etag(r.body().lockVersion()));
    }
}
