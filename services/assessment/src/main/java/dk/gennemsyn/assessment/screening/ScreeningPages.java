package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.assessment.reviews.ReviewCopies;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The Danish screening pages: the overview of all cases with filters and the summary, one case's results. */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/screening")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class ScreeningPages {

    private static final int SIZE = 50;

    private final ScreeningView view;
    private final ReviewCopies reviews;
    private final TenantTx tenantTx;

    ScreeningPages(ScreeningView view, ReviewCopies reviews, TenantTx tenantTx) {
        this.view = view;
        this.reviews = reviews;
        this.tenantTx = tenantTx;
    }

    @Get
    ModelAndView<Map<String, Object>> overview(@Nullable @QueryValue String review, @Nullable @QueryValue String rule,
                                               @Nullable @QueryValue String result,
                                               @QueryValue(defaultValue = "0") int page, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Screening");
        UUID reviewId = null;
        String error = null;
        try {
            reviewId = review == null || review.isBlank() ? null : UUID.fromString(review);
        } catch (IllegalArgumentException e) {
            error = "Ukendt gennemgang.";
        }
        String ruleF = ScreeningApi.blankToNull(rule);
        String resultF = ScreeningApi.blankToNull(result);
        Paging.Page<ScreeningView.CaseRow> cases = new Paging.Page<>(java.util.List.of(), 0, SIZE, 0);
        ScreeningSummaries.Summary summary = null;
        try {
            summary = view.summary(caller, reviewId);
            cases = view.cases(caller, reviewId, ruleF, resultF, Math.max(page, 0), SIZE);
        } catch (ProblemException e) {
            if (summary == null) {
                throw e;
            }
            error = e.getMessage();
        }
        model.put("error", error);
        model.put("summary", summary);
        model.put("cases", cases);
        model.put("pages", (cases.total() + SIZE - 1) / SIZE);
        model.put("rules", LegalRule.values());
        model.put("outcomes", outcomeLabels());
        model.put("reviews", tenantTx.read(caller.tenant(), reviews::list));
        model.put("filter", Map.of("review", review == null ? "" : review, "rule", ruleF == null ? "" : ruleF,
                "result", resultF == null ? "" : resultF));
        model.put("query", "review=" + enc(review) + "&rule=" + enc(ruleF) + "&result=" + enc(resultF));
        return new ModelAndView<>("assessment/screening", model);
    }

    @Get("/rules")
    ModelAndView<Map<String, Object>> rules() {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Screeningens regler");
        model.put("rules", LegalRule.values());
        model.put("barnetsLovFrom", LegalRule.BARNETS_LOV_FROM);
        return new ModelAndView<>("assessment/screening-rules", model);
    }

    @Get("/cases/{id}")
    ModelAndView<Map<String, Object>> detail(@PathVariable UUID id, Authentication auth) {
        ScreeningView.CaseDetail d = view.detail(Caller.of(auth), id);
        Map<String, Object> model = new HashMap<>();
        model.put("title", d.alias() + " – screening");
        model.put("c", d);
        return new ModelAndView<>("assessment/screening-case", model);
    }

    static Map<String, String> outcomeLabels() {
        Map<String, String> m = new LinkedHashMap<>();
        Arrays.stream(Outcome.values()).forEach(o -> m.put(o.code, o.label));
        return m;
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
