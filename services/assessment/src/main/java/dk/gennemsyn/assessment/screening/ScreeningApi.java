package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.UUID;

/** Legal screening of every case: the rules, per-case results with their dates, summaries per review or tenant. */
@Controller("/api/screening")
@Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN})
class ScreeningApi {

    private final ScreeningView view;

    ScreeningApi(ScreeningView view) {
        this.view = view;
    }

    /** The rules with their references in Barnets lov and Serviceloven and the dates they apply from. */
    @Get("/rules")
    List<ScreeningView.RuleInfo> rules() {
        return ScreeningView.rules();
    }

    /** Per rule: met, not met, not applicable, unknown, and the share met, for a review or (no review) all cases. */
    @Get("/summary")
    ScreeningSummaries.Summary summary(@Nullable @QueryValue UUID reviewId, Authentication auth) {
        return view.summary(Caller.of(auth), reviewId);
    }

    @Get("/cases")
    Paging.Page<ScreeningView.CaseRow> cases(@Nullable @QueryValue UUID reviewId, @Nullable @QueryValue String rule,
                                             @Nullable @QueryValue String result,
                                             @QueryValue(defaultValue = "0") int page,
                                             @QueryValue(defaultValue = "50") int size, Authentication auth) {
        return view.cases(Caller.of(auth), reviewId, blankToNull(rule), blankToNull(result), page, size);
    }

    @Get("/cases/{caseId}")
    ScreeningView.CaseDetail detail(@PathVariable UUID caseId, Authentication auth) {
        return view.detail(Caller.of(auth), caseId);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
