package dk.gennemsyn.assessment.instruments;

import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.UUID;

/** Assessment instruments: list, read, copy into a new version, edit a draft, publish (then immutable). */
@Controller("/api/instruments")
@Secured({Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR, Roles.TENANT_ADMIN, Roles.REVIEWER, Roles.STYREGRUPPE})
class InstrumentApi {

    @Serdeable
    record InstrumentBody(@NotNull String name, @Nullable String description, @NotNull Definition definition) {
    }

    private final Instruments instruments;

    InstrumentApi(Instruments instruments) {
        this.instruments = instruments;
    }

    @Get
    List<Instruments.Instrument> list(Authentication auth) {
        return instruments.list(Caller.of(auth));
    }

    @Get("/{id}")
    HttpResponse<Instruments.Instrument> get(@PathVariable UUID id, Authentication auth) {
        return withEtag(HttpResponse.ok(instruments.get(Caller.of(auth), id)));
    }

    @Post("/{id}/copy")
    HttpResponse<Instruments.Instrument> copy(@PathVariable UUID id, Authentication auth) {
        return withEtag(HttpResponse.created(instruments.copy(Caller.of(auth), id)));
    }

    @Put("/{id}")
    HttpResponse<Instruments.Instrument> update(@PathVariable UUID id, @Valid @Body InstrumentBody b,
                                                HttpRequest<?> request, Authentication auth) {
        return withEtag(HttpResponse.ok(instruments.update(Caller.of(auth), id, Versions.ifMatchVersion(request),
                b.name(), b.description(), b.definition())));
    }

    @Post("/{id}/publish")
    HttpResponse<Instruments.Instrument> publish(@PathVariable UUID id, HttpRequest<?> request, Authentication auth) {
        return withEtag(HttpResponse.ok(instruments.publish(Caller.of(auth), id, Versions.ifMatchVersion(request))));
    }

    @Delete("/{id}")
    HttpResponse<?> delete(@PathVariable UUID id, Authentication auth) {
        instruments.deleteDraft(Caller.of(auth), id);
        return HttpResponse.noContent();
    }

    private static HttpResponse<Instruments.Instrument> withEtag(io.micronaut.http.MutableHttpResponse<Instruments.Instrument> r) {
        return r.header("ETag", Versions.etag(r.body().lockVersion()));
    }
}
