package dk.gennemsyn.recommendations.hearings;

import dk.gennemsyn.platform.cpr.NoCpr;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import jakarta.validation.Valid;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Hearing rounds: send a draft, respond, coordinate, publish the new version; versions and their differences. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class HearingApi {

    @Serdeable
    record OpenBody(@Nullable @NoCpr String title, @Nullable @NoCpr String body, @Nullable List<UUID> recommendationIds,
                    @Nullable List<String> respondents, @Nullable Integer workingDays, @Nullable LocalDate closesOn) {
    }

    @Serdeable
    record CommentBody(@Nullable UUID recommendationId, @Nullable @NoCpr String body) {
    }

    @Serdeable
    record RespondBody(@Nullable List<@Valid CommentBody> comments) {
    }

    @Serdeable
    record HandleBody(@Nullable String handling, @Nullable @NoCpr String note) {
    }

    @Serdeable
    /** {@code closeEarly}: close before the deadline although some have not answered (else 409 naming them). */
    record PublishBody(@Nullable @NoCpr String body, @Nullable List<UUID> recommendationIds, @Nullable @NoCpr String changeNote,
                       @Nullable Boolean closeEarly) {
    }

    private final Hearings hearings;

    HearingApi(Hearings hearings) {
        this.hearings = hearings;
    }

    @Get("/reviews/{review}/hearings")
    List<Hearings.Summary> list(@PathVariable UUID review, Authentication auth) {
        return hearings.list(Caller.of(auth), review);
    }

    @Post("/reviews/{review}/hearings")
    HttpResponse<Hearings.Hearing> open(@PathVariable UUID review, @Valid @Body OpenBody b, Authentication auth) {
        var h = hearings.open(Caller.of(auth), review, b.title(), b.body(), b.recommendationIds(), b.respondents(),
                b.workingDays(), b.closesOn());
        return HttpResponse.created(h).header("ETag", Versions.etag(h.lock()));
    }

    @Get("/hearings/{id}")
    HttpResponse<Hearings.Hearing> get(@PathVariable UUID id, Authentication auth) {
        var h = hearings.get(Caller.of(auth), id);
        return HttpResponse.ok(h).header("ETag", Versions.etag(h.lock()));
    }

    @Post("/hearings/{id}/responses")
    Hearings.Hearing respond(@PathVariable UUID id, @Valid @Body RespondBody b, Authentication auth) {
        return hearings.respond(Caller.of(auth), id, b.comments() == null ? List.of()
                : b.comments().stream().map(c -> new Hearings.CommentInput(c.recommendationId(), c.body())).toList());
    }

    @Post("/hearings/comments/{commentId}/handling")
    Hearings.Hearing handle(@PathVariable UUID commentId, @Valid @Body HandleBody b, Authentication auth) {
        return hearings.handle(Caller.of(auth), commentId, b.handling(), b.note());
    }

    @Post("/hearings/{id}/versions")
    HttpResponse<Hearings.Hearing> publish(@PathVariable UUID id, @Valid @Body PublishBody b, HttpRequest<?> request,
                                           Authentication auth) {
        var h = hearings.publish(Caller.of(auth), id, Versions.ifMatchVersion(request), b.body(), b.recommendationIds(),
                b.changeNote(), Boolean.TRUE.equals(b.closeEarly()));
        return HttpResponse.ok(h).header("ETag", Versions.etag(h.lock()));
    }

    /** What changed from one version to another, line by line. */
    @Get("/hearings/{id}/diff")
    List<LineDiff.Line> diff(@PathVariable UUID id, @QueryValue(defaultValue = "1") int from, @QueryValue(defaultValue = "2") int to,
                             Authentication auth) {
        var h = hearings.get(Caller.of(auth), id);
        return LineDiff.between(version(h, from, "from"), version(h, to, "to"));
    }

    static String version(Hearings.Hearing h, int v, String field) {
        return h.versions().stream().filter(x -> x.version() == v).findFirst()
                .orElseThrow(() -> dk.gennemsyn.platform.problem.ProblemException.invalid(field, "Høringen har ingen version " + v + "."))
                .body();
    }
}
