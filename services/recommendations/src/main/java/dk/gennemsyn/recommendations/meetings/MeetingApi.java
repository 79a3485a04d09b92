package dk.gennemsyn.recommendations.meetings;

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
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Follow-up meetings: cadence, generated agenda, minutes with decisions, approval. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class MeetingApi {

    @Serdeable
    record MeetingBody(@Nullable String kind, @Nullable @NoCpr String title, @Nullable LocalDate date,
                       @Nullable Integer agendaDaysBefore) {
    }

    @Serdeable
    record CadenceBody(@Nullable String kind, @Nullable LocalDate first, @Nullable Integer everyWeeks, boolean monthly,
                       @Nullable Integer count, @Nullable Integer agendaDaysBefore) {
    }

    @Serdeable
    record ChangeBody(@Nullable LocalDate date, boolean cancelled) {
    }

    @Serdeable
    record DecisionBody(@Nullable UUID recommendationId, @Nullable @NoCpr String body) {
    }

    @Serdeable
    record MinutesBody(@Nullable @NoCpr String minutes) {
    }

    private final Meetings meetings;

    MeetingApi(Meetings meetings) {
        this.meetings = meetings;
    }

    @Get("/reviews/{review}/meetings")
    List<Meetings.Meeting> list(@PathVariable UUID review, Authentication auth) {
        return meetings.list(Caller.of(auth), review);
    }

    @Post("/reviews/{review}/meetings")
    HttpResponse<Meetings.Meeting> schedule(@PathVariable UUID review, @Valid @Body MeetingBody b, Authentication auth) {
        return HttpResponse.created(meetings.schedule(Caller.of(auth), review, b.kind(), b.title(), b.date(),
                b.agendaDaysBefore()));
    }

    @Post("/reviews/{review}/meetings/cadence")
    HttpResponse<List<Meetings.Meeting>> cadence(@PathVariable UUID review, @Body CadenceBody b, Authentication auth) {
        return HttpResponse.created(meetings.cadence(Caller.of(auth), review, b.kind(), b.first(), b.everyWeeks(), b.monthly(),
                b.count(), b.agendaDaysBefore()));
    }

    @Get("/meetings/{id}")
    HttpResponse<Meetings.Meeting> get(@PathVariable UUID id, Authentication auth) {
        var m = meetings.get(Caller.of(auth), id);
        return HttpResponse.ok(m).header("ETag", Versions.etag(m.version()));
    }

    @Put("/meetings/{id}")
    HttpResponse<Meetings.Meeting> change(@PathVariable UUID id, @Body ChangeBody b, HttpRequest<?> request, Authentication auth) {
        var m = meetings.change(Caller.of(auth), id, Versions.ifMatchVersion(request), b.date(), b.cancelled());
        return HttpResponse.ok(m).header("ETag", Versions.etag(m.version()));
    }

    @Get("/meetings/{id}/agenda")
    Meetings.Agenda agenda(@PathVariable UUID id, Authentication auth) {
        return meetings.agenda(Caller.of(auth), id);
    }

    @Post("/meetings/{id}/decisions")
    Meetings.Meeting decision(@PathVariable UUID id, @Valid @Body DecisionBody b, Authentication auth) {
        return meetings.recordDecision(Caller.of(auth), id, b.recommendationId(), b.body());
    }

    @Put("/meetings/{id}/minutes")
    Meetings.Meeting minutes(@PathVariable UUID id, @Valid @Body MinutesBody b, Authentication auth) {
        return meetings.saveMinutes(Caller.of(auth), id, b.minutes());
    }

    @Post("/meetings/{id}/approval")
    Meetings.Meeting approve(@PathVariable UUID id, Authentication auth) {
        return meetings.approve(Caller.of(auth), id);
    }
}
