package dk.gennemsyn.platform.probe;

import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import dk.gennemsyn.platform.cpr.NoCpr;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A tiny tenant-owned resource for exercising the platform through the real HTTP pipeline. */
@Controller("/probes")
@Secured(SecurityRule.IS_AUTHENTICATED)
class ProbeController {

    @Serdeable
    record NewProbe(@NotBlank @Size(max = 40) @NoCpr String name, @Min(0) int weight,
                    @Nullable @Size(max = 2000) @NoCpr String note) {
    }

    @Serdeable
    record WhoAmI(String tenant, String user, List<String> roles) {
    }

    private final TenantTx tenantTx;
    private final Probes probes;
    private final Outbox outbox;
    private final AccessLog accessLog;

    ProbeController(TenantTx tenantTx, Probes probes, Outbox outbox, AccessLog accessLog) {
        this.tenantTx = tenantTx;
        this.probes = probes;
        this.outbox = outbox;
        this.accessLog = accessLog;
    }

    @Post
    List<String> create(@Valid @Body NewProbe probe, Authentication auth) {
        Caller caller = Caller.of(auth);
        return tenantTx.write(caller.tenant(), () -> {
            probes.insert(caller.tenant(), probe.name());
            outbox.append(caller.tenant(), probe.name(), ProbeRecorded.newBuilder().setProbeId(probe.name()).build());
            return probes.names();
        });
    }

    /** The same as {@link #create}, from a page's form. */
    @Post(value = "/form", consumes = io.micronaut.http.MediaType.APPLICATION_FORM_URLENCODED)
    List<String> createFromForm(@Valid @Body NewProbe probe, Authentication auth) {
        return create(probe, auth);
    }

    /** A request that stays in flight until its gate opens ({@link Gates}). */
    @Get("/held/{gate}")
    String held(@PathVariable String gate) throws InterruptedException {
        Gates.await(gate);
        return "released";
    }

    @Get
    List<String> list(Authentication auth) {
        return tenantTx.read(Caller.of(auth).tenant(), probes::names);
    }

    @Serdeable
    record Rename(@NotBlank @Size(max = 40) @NoCpr String name) {
    }

    /** A probe by name, with its version as ETag. */
    @Get("/by-name/{name}")
    io.micronaut.http.HttpResponse<String> one(@PathVariable String name, Authentication auth) {
        long version = tenantTx.read(Caller.of(auth).tenant(), () -> probes.version(name))
                .orElseThrow(() -> dk.gennemsyn.platform.problem.ProblemException.notFound("Findes ikke."));
        return io.micronaut.http.HttpResponse.ok(name).header("ETag", dk.gennemsyn.platform.problem.Versions.etag(version));
    }

    /** Renames a probe: only with the version last seen (If-Match); a race between check and write is a 409. */
    @io.micronaut.http.annotation.Put("/by-name/{name}")
    io.micronaut.http.HttpResponse<String> rename(@PathVariable String name, @Valid @Body Rename body,
                                                   io.micronaut.http.HttpRequest<?> request, Authentication auth) {
        long next = tenantTx.write(Caller.of(auth).tenant(), () -> {
            long current = probes.version(name)
                    .orElseThrow(() -> dk.gennemsyn.platform.problem.ProblemException.notFound("Findes ikke."));
            dk.gennemsyn.platform.problem.Versions.requireIfMatch(request, current);
            if (!probes.rename(name, body.name(), current)) {
                throw new io.micronaut.data.exceptions.OptimisticLockException("probe changed concurrently");
            }
            return current + 1;
        });
        return io.micronaut.http.HttpResponse.ok(body.name()).header("ETag", dk.gennemsyn.platform.problem.Versions.etag(next));
    }

    @Get("/page")
    @io.micronaut.http.annotation.Produces(io.micronaut.http.MediaType.TEXT_HTML)
    @io.micronaut.views.View("probe")
    java.util.Map<String, Object> page(Authentication auth) {
        java.util.Map<String, Object> model = new java.util.HashMap<>();
        model.put("title", "Prøver");
        model.put("names", tenantTx.read(Caller.of(auth).tenant(), probes::names));
        return model;
    }

    /** A page whose template fails while rendering (it dereferences a missing value). */
    @Get("/broken-page")
    @io.micronaut.http.annotation.Produces(io.micronaut.http.MediaType.TEXT_HTML)
    @io.micronaut.views.View("probe-broken")
    java.util.Map<String, Object> brokenPage() {
        return new java.util.HashMap<>(java.util.Map.of("title", "Fejl"));
    }

    @Get("/whoami")
    WhoAmI whoami(Authentication auth) {
        Caller c = Caller.of(auth);
        return new WhoAmI(c.tenant(), c.userId(), c.roles());
    }

    @Get("/{id}/seen-by")
    List<AccessLog.Entry> seenBy(@PathVariable String id, @QueryValue(defaultValue = "test") String purpose,
                                 Authentication auth) {
        Caller caller = Caller.of(auth);
        return tenantTx.write(caller.tenant(), () -> {
            accessLog.record(caller, id, AccessLog.Action.READ, purpose);
            return accessLog.forCase(id);
        });
    }
}
