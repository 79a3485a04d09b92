package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.assessment.agreement.AgreementReport;
import dk.gennemsyn.assessment.cases.KnownCases;
import dk.gennemsyn.assessment.instruments.Definition;
import dk.gennemsyn.assessment.instruments.QuestionType;
import dk.gennemsyn.assessment.reviews.ReviewCopies;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Danish assessment pages: the work list, a review's distribution and agreement, the assessment form. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class AssessmentPages {

    /** A question as the form shows it: its choices (if closed) and the answer so far. */
    public record QuestionView(Definition.Question q, Map<String, String> options, String value) {
        public boolean closed() {
            return !options.isEmpty();
        }

        public boolean text() {
            return q.kind() == QuestionType.TEXT;
        }
    }

    public record SectionView(String title, List<QuestionView> questions) {
    }

    /** One question of the comparison, with both answers as people read them. */
    public record ComparisonRow(String id, String text, String first, String second, boolean disagree) {
    }

    static String label(Definition.Question q, @Nullable String answer) {
        if (answer == null) {
            return "";
        }
        return q.kind().options(q.steps()).getOrDefault(answer, answer);
    }

    private final Assessments assessments;
    private final Assignments assignments;
    private final Finals finals;
    private final Findings findings;
    private final AgreementReport agreement;
    private final ReviewCopies reviews;
    private final KnownCases knownCases;
    private final TenantTx tenantTx;
    private final FindingView findingView;

    AssessmentPages(Assessments assessments, Assignments assignments, Finals finals, Findings findings, AgreementReport agreement,
                    ReviewCopies reviews, KnownCases knownCases, TenantTx tenantTx, FindingView findingView) {
        this.findingView = findingView;
        this.assessments = assessments;
        this.assignments = assignments;
        this.finals = finals;
        this.findings = findings;
        this.agreement = agreement;
        this.reviews = reviews;
        this.knownCases = knownCases;
        this.tenantTx = tenantTx;
    }

    @Get
    ModelAndView<Map<String, Object>> home(@QueryValue(defaultValue = "0") int page, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Vurdering");
        Paging.Page<Assessments.Assignment> mine = assessments.mine(caller, Paging.of(page, 50, Sort.unsorted()));
        model.put("mine", mine);
        model.put("pages", (mine.total() + mine.size() - 1) / mine.size());
        List<Finals.Awaiting> toValidate = finals.awaitingValidation(caller);
        model.put("toValidate", toValidate);
        model.put("toValidateCount", toValidate.stream().mapToInt(Finals.Awaiting::ready).sum());
        boolean staff = Access.isStaff(caller);
        model.put("staff", staff);
        model.put("reviews", staff ? tenantTx.read(caller.tenant(), reviews::list) : List.of());
        model.put("knownCases", staff ? knownCases.count(caller.tenant()) : 0L);
        return new ModelAndView<>("assessment/home", model);
    }

    @Get("/reviews/{id}")
    ModelAndView<Map<String, Object>> review(@PathVariable UUID id, Authentication auth) {
        return review(Caller.of(auth), id, null, null);
    }

    @Post("/reviews/{id}/assignments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> assign(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            int n = assignments.assign(caller, id).size();
            return HttpResponse.ok(review(caller, id, n + " vurderinger fordelt.", null));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(review(caller, id, null, e.getMessage()), e));
        }
    }

    private ModelAndView<Map<String, Object>> review(Caller caller, UUID id, @Nullable String done,
                                                     @Nullable String error) {
        List<Assessments.Assignment> list = assessments.ofReview(caller, id);
        Map<String, Object> model = new HashMap<>();
        ReviewCopies.ReviewRef ref = tenantTx.read(caller.tenant(), () -> reviews.find(id))
                .orElseThrow(() -> ProblemException.notFound("Gennemgangen findes ikke."));
        model.put("title", ref.title() + " – vurdering");
        model.put("review", ref);
        model.put("assignments", list);
        model.put("agreement", agreement.forReview(caller, id));
        model.put("findings", findingView.ofReview(caller, id));
        boolean canAssign = caller.hasAnyRole(Assignments.ASSIGNERS);
        model.put("canAssign", canAssign);
        model.put("reviewers", canAssign ? assignments.reviewersOf(caller, id) : Map.of());
        model.put("done", done);
        model.put("error", error);
        return new ModelAndView<>("assessment/review", model);
    }

    /** The projektleder moves a case to another reviewer (fields "reviewer" and "reason"). */
    @Post("/reviews/{reviewId}/assignments/{id}/reassignment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reassign(@PathVariable UUID reviewId, @PathVariable UUID id, @Body Map<String, String> f,
                             Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            Assessments.Assignment a = assignments.reassign(caller, id, f.get("reviewer"), f.get("reason"));
            return HttpResponse.ok(review(caller, reviewId, a.alias() + " er overdraget til " + a.reviewerName()
                    + ", som får besked.", null));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(review(caller, reviewId, null, e.getMessage()), e));
        }
    }

    @Get("/assignments/{id}")
    ModelAndView<Map<String, Object>> form(@PathVariable UUID id, Authentication auth) {
        return form(Caller.of(auth), id, null, null, null);
    }

    /** Without JavaScript the form posts here: saved, and submitted if asked; errors keep what was written. */
    @Post("/assignments/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> post(@PathVariable UUID id, @Body Map<String, String> body, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, String> answers = new LinkedHashMap<>();
        body.forEach((k, v) -> {
            if (k.startsWith("q.")) {
                answers.put(k.substring(2), v);
            }
        });
        try {
            Assessments.Assignment saved = assessments.save(caller, id, lock(body.get("lockVersion")), answers);
            if (body.containsKey("submit")) {
                assessments.submit(caller, id, saved.lockVersion());
                return HttpResponse.seeOther(URI.create("/assessment/assignments/" + id));
            }
            return HttpResponse.ok(form(caller, id, "Gemt.", null, null));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(form(caller, id, null, e.getMessage(), answers), e));
        }
    }

    @Post("/assignments/{id}/findings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> finding(@PathVariable UUID id, @Body Map<String, String> f, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            findings.record(caller, id, new Findings.Input(f.get("category"), f.get("severity"), f.get("text"),
                    f.containsKey("urgent"), f.containsKey("budgetRelevant"),
                    Forms.kroner("expectedYearlyKr", f.get("expectedYearlyKr"))));
            return HttpResponse.seeOther(URI.create("/assessment/assignments/" + id + "#findings"));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(form(caller, id, null, e.getMessage(), null), e));
        }
    }

    @Get("/reviews/{reviewId}/cases/{caseId}/comparison")
    ModelAndView<Map<String, Object>> comparison(@PathVariable UUID reviewId, @PathVariable UUID caseId,
                                                 Authentication auth) {
        return comparison(Caller.of(auth), reviewId, caseId, null);
    }

    @Post("/reviews/{reviewId}/cases/{caseId}/moderation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> moderate(@PathVariable UUID reviewId, @PathVariable UUID caseId, @Body Map<String, String> f,
                             Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            finals.moderate(caller, reviewId, caseId, f.get("questionId"), f.get("answer"), f.get("reason"));
            return HttpResponse.seeOther(URI.create("/assessment/reviews/" + reviewId + "/cases/" + caseId + "/comparison"));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(comparison(caller, reviewId, caseId, e.getMessage()), e));
        }
    }

    @Get("/reviews/{reviewId}/validation")
    ModelAndView<Map<String, Object>> validation(@PathVariable UUID reviewId, Authentication auth) {
        return validation(Caller.of(auth), reviewId, null);
    }

    /** What a validator posted for one case, shown again with the error at its field when it is refused. */
    public record Posted(UUID caseId, @Nullable String verdict, @Nullable String comment, @Nullable String field,
                         String message) {
    }

    @Post("/reviews/{reviewId}/cases/{caseId}/validation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> validate(@PathVariable UUID reviewId, @PathVariable UUID caseId, @Body Map<String, String> f,
                             Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            finals.validate(caller, reviewId, caseId, f.get("verdict"), f.get("comment"));
            return HttpResponse.seeOther(URI.create("/assessment/reviews/" + reviewId + "/validation#case-" + caseId));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(validation(caller, reviewId,
                    new Posted(caseId, f.get("verdict"), f.get("comment"), e.field(), e.getMessage())), e));
        }
    }

    @Get("/reviews/{reviewId}/cases/{caseId}/history")
    ModelAndView<Map<String, Object>> history(@PathVariable UUID reviewId, @PathVariable UUID caseId,
                                              Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Ændringer");
        model.put("reviewId", reviewId);
        Caller caller = Caller.of(auth);
        model.put("changes", finals.history(caller, reviewId, caseId));
        model.put("blind", tenantTx.read(caller.tenant(), () -> assessments.blindFor(caller, reviewId, caseId)));
        return new ModelAndView<>("assessment/history", model);
    }

    /** A case's final assessment as people read it: question text and answer label. */
    public record FinalView(Finals.Final f, List<ComparisonRow> rows) {
    }

    private ModelAndView<Map<String, Object>> validation(Caller caller, UUID reviewId, @Nullable Posted posted) {
        Finals.ReviewValidation v = finals.forReview(caller, reviewId);
        List<FinalView> views = new ArrayList<>();
        tenantTx.read(caller.tenant(), () -> {
            for (Finals.Final f : v.finals()) {
                Assessments.Assignment first = assessments.rounds(reviewId, f.caseId()).get(0);
                Definition d = assessments.instrument(first).definition();
                views.add(new FinalView(f, d.questions().stream().map(q -> new ComparisonRow(q.id(), q.text(),
                        label(q, f.answers().get(q.id())), "", f.awaiting().contains(q.id()))).toList()));
            }
            return null;
        });
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Validering");
        model.put("reviewId", reviewId);
        model.put("v", v);
        model.put("finals", views);
        model.put("canValidate", caller.hasAnyRole(Finals.VALIDATORS) && !v.locked());
        model.put("posted", posted);
        model.put("severities", Findings.SEVERITIES);
        return new ModelAndView<>("assessment/validation", model);
    }

    private ModelAndView<Map<String, Object>> comparison(Caller caller, UUID reviewId, UUID caseId,
                                                         @Nullable String error) {
        List<Assessments.Assignment> rounds = assessments.comparison(caller, reviewId, caseId);
        Definition d = tenantTx.read(caller.tenant(), () -> assessments.instrument(rounds.get(0)).definition());
        Map<String, Object> model = new HashMap<>();
        model.put("title", rounds.get(0).alias() + " – sammenligning");
        model.put("first", rounds.get(0));
        model.put("second", rounds.get(1));
        List<String> disagreements = Assessments.disagreements(d, rounds.get(0).answers(), rounds.get(1).answers());
        model.put("rows", d.questions().stream().map(q -> new ComparisonRow(q.id(), q.text(),
                label(q, rounds.get(0).answers().get(q.id())), label(q, rounds.get(1).answers().get(q.id())),
                disagreements.contains(q.id()))).toList());
        model.put("disagreements", disagreements);
        model.put("agreement", agreement.forReview(caller, reviewId));
        Finals.Final f = tenantTx.read(caller.tenant(), () -> finals.finalOf(reviewId, caseId));
        model.put("final", f);
        model.put("options", d.questions().stream().collect(java.util.stream.Collectors.toMap(
                Definition.Question::id, q -> q.kind().options(q.steps()))));
        model.put("canModerate", caller.hasAnyRole(Finals.MODERATORS));
        model.put("error", error);
        return new ModelAndView<>("assessment/comparison", model);
    }

    private ModelAndView<Map<String, Object>> form(Caller caller, UUID id, @Nullable String saved,
                                                   @Nullable String error, @Nullable Map<String, String> posted) {
        Assessments.Workspace w = assessments.workspace(caller, id);
        Map<String, String> values = posted != null ? posted : w.assignment().answers();
        List<SectionView> sections = new ArrayList<>();
        for (Definition.Section s : w.instrument().definition().sections()) {
            List<QuestionView> qs = new ArrayList<>();
            for (Definition.Question q : s.questions()) {
                qs.add(new QuestionView(q, q.kind().options(q.steps()), values.getOrDefault(q.id(), "")));
            }
            sections.add(new SectionView(s.title(), qs));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", w.assignment().alias() + " – vurdering");
        model.put("w", w);
        model.put("a", w.assignment());
        model.put("sections", sections);
        model.put("saved", saved);
        model.put("error", error);
        model.put("severities", Findings.SEVERITIES);
        return new ModelAndView<>("assessment/form", model);
    }

    private static long lock(@Nullable String value) {
        Long n = Forms.wholeNumber("lockVersion", value);
        if (n == null) {
            throw ProblemException.invalid("lockVersion", "Siden mangler versionsnummeret; hent den igen.");
        }
        return n;
    }
}
