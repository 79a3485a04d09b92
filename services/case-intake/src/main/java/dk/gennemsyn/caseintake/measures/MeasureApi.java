package dk.gennemsyn.caseintake.measures;

import dk.gennemsyn.platform.cpr.NoCpr;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The measure catalogue (tilbudsvifte). */
@Controller("/api/measures")
class MeasureApi {

    @Serdeable
    record MeasureBody(@NotBlank @NoCpr @Size(max = 200) String name, @Nullable @NoCpr @Size(max = 200) String targetGroup,
                       @Nullable @NoCpr @Size(max = 100) String legalBasisBarnetsLov,
                       @Nullable @NoCpr @Size(max = 100) String legalBasisServiceloven, @Nullable Long pricePerYearKr) {
        Measures.Input input() {
            return new Measures.Input(name, targetGroup, legalBasisBarnetsLov, legalBasisServiceloven, pricePerYearKr);
        }
    }

    private final Measures measures;

    MeasureApi(Measures measures) {
        this.measures = measures;
    }

    @Get
    @Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.REVIEWER, Roles.STYREGRUPPE})
    List<Measures.Measure> list(Authentication auth) {
        return measures.list(Caller.of(auth));
    }

    @Post
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Measures.Measure> create(@Valid @Body MeasureBody b, Authentication auth) {
        Measures.Measure m = measures.create(Caller.of(auth), b.input());
        return HttpResponse.created(m).header("ETag", Versions.etag(m.version()));
    }

    @Put("/{id}")
    @Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
    HttpResponse<Measures.Measure> update(@PathVariable UUID id, @Valid @Body MeasureBody b, HttpRequest<?> request,
                                          Authentication auth) {
        Measures.Measure m = measures.update(Caller.of(auth), id, Versions.ifMatchVersion(request), b.input());
        return HttpResponse.ok(m).header("ETag", Versions.etag(m.version()));
    }
}
