package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A finding's page (the urgent alert links here): the finding, the case's timeline, and what was done about it. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class FindingPages {

    private final FindingView findings;

    FindingPages(FindingView findings) {
        this.findings = findings;
    }

    @Get("/findings/{id}")
    ModelAndView<Map<String, Object>> page(@PathVariable UUID id, Authentication auth) {
        return page(Caller.of(auth), id, null, Map.of());
    }

    /** Fields "action" (acknowledged or handled) and "note"; an error is shown at its field with the note kept. */
    @Post("/findings/{id}/handling")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> handle(@PathVariable UUID id, @Body Map<String, String> form, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            findings.handle(caller, id, form.get("action"), form.get("note"));
            return HttpResponse.seeOther(URI.create("/assessment/findings/" + id + "#handling"));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(page(caller, id, e, form));
        }
    }

    /** A case's findings in every review (linked from the case's pages in the other services). */
    @Get("/cases/{caseId}/findings")
    ModelAndView<Map<String, Object>> ofCase(@PathVariable UUID caseId, Authentication auth) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Sagens fund");
        m.put("caseId", caseId);
        m.put("findings", findings.ofCase(Caller.of(auth), caseId));
        return new ModelAndView<>("assessment/case-findings", m);
    }

    private ModelAndView<Map<String, Object>> page(Caller caller, UUID id, @Nullable ProblemException error,
                                                   Map<String, String> form) {
        FindingView.Detail d = findings.detail(caller, id);
        Map<String, Object> m = new HashMap<>();
        m.put("title", (d.finding().urgent() ? "Akut bekymring: " : "Fund: ") + d.alias());
        m.put("d", d);
        m.put("error", error == null ? null : error.getMessage());
        m.put("errorField", error == null ? null : error.field());
        m.put("form", form);
        return new ModelAndView<>("assessment/finding", m);
    }
}
