package dk.gennemsyn.caseintake.measures;

import dk.gennemsyn.caseintake.reviews.Membership;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The measure catalogue page (tilbudsvifte). */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/measures")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class MeasurePages {

    @Serdeable
    record MeasureForm(@Nullable String name, @Nullable String targetGroup, @Nullable String legalBasisBarnetsLov,
                       @Nullable String legalBasisServiceloven, @Nullable String pricePerYearKr) {
    }

    private final Measures measures;

    MeasurePages(Measures measures) {
        this.measures = measures;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth) {
        return page(Caller.of(auth), null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(@Body MeasureForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (!caller.hasAnyRole(Membership.EDITORS)) {
            throw new ProblemException(io.micronaut.http.HttpStatus.FORBIDDEN, "forbidden",
                    "Kun projektleder og administrator kan ændre tilbudsviften.", null);
        }
        try {
            measures.create(caller, new Measures.Input(f.name(), f.targetGroup(), f.legalBasisBarnetsLov(),
                    f.legalBasisServiceloven(), Forms.kroner("pricePerYearKr", f.pricePerYearKr())));
            return HttpResponse.seeOther(URI.create("/intake/measures"));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(page(caller, e.getMessage()), e));
        }
    }

    private ModelAndView<Map<String, Object>> page(Caller caller, @Nullable String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Tilbudsvifte");
        model.put("measures", measures.list(caller));
        model.put("canEdit", caller.hasAnyRole(Membership.EDITORS));
        model.put("error", error);
        return new ModelAndView<>("intake/measures", model);
    }
}
