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
    /** {@code startTime}/{@code endTime}: local time in Denmark ("13:00"); {@code location}: room, address or link. */
    record MeetingBody(@Nullable String kind, @Nullable @NoCpr String title, @Nullable LocalDate date,
                       @Nullable java.time.LocalTime startTime, @Nullable java.time.LocalTime endTime,
                       @Nullable @NoCpr String location, @Nullable Integer agendaDaysBefore) {
    }

    @Serdeable
    record CadenceBody(@Nullable String kind, @Nullable LocalDate first, @Nullable Integer everyWeeks, boolean monthly,
                       @Nullable Integer count, @Nullable Integer agendaDaysBefore, @Nullable java.time.LocalTime startTime,
                       @Nullable java.time.LocalTime endTime, @Nullable @NoCpr String location) {
    }

    @Serdeable
    /** What is left out stays; with a date, the time and place given replace the old ones. */
    record ChangeBody(@Nullable @NoCpr String title, @Nullable LocalDate date, @Nullable java.time.LocalTime startTime,
                      @Nullable java.time.LocalTime endTime, @Nullable @NoCpr String location, boolean cancelled) {
    }

    @Serdeable
    /** {@code decision} (accepted, rejected, deferred) with a recommendation: the recommendation's decision. */
    record DecisionBody(@Nullable UUID recommendationId, @Nullable String decision, @Nullable @NoCpr String body) {
    }

    @Serdeable
    record MinutesBody(@Nullable @NoCpr String minutes) {
    }

    private final Meetings meetings;
    private final Minutes minutes;

    MeetingApi(Meetings meetings, Minutes minutes) {
        this.minutes = minutes;
        this.meetings = meetings;
    }

    @Get("/reviews/{review}/meetings")
    List<Meetings.Meeting> list(@PathVariable UUID review, Authentication auth) {
        return meetings.list(Caller.of(auth), review);
    }

    @Post("/reviews/{review}/meetings")
    HttpResponse<Meetings.Meeting> schedule(@PathVariable UUID review, @Valid @Body MeetingBody b, Authentication auth) {
        return HttpResponse.created(meetings.schedule(Caller.of(auth), review, b.kind(), b.title(),
                new Meetings.When(b.date(), b.startTime(), b.endTime(), b.location()), b.agendaDaysBefore()));
    }

    @Post("/reviews/{review}/meetings/cadence")
    HttpResponse<List<Meetings.Meeting>> cadence(@PathVariable UUID review, @Body CadenceBody b, Authentication auth) {
        return HttpResponse.created(meetings.cadence(Caller.of(auth), review, b.kind(),
                new Meetings.When(b.first(), b.startTime(), b.endTime(), b.location()), b.everyWeeks(), b.monthly(),
                b.count(), b.agendaDaysBefore()));
    }

    @Get("/meetings/{id}")
    HttpResponse<Meetings.Meeting> get(@PathVariable UUID id, Authentication auth) {
        var m = meetings.get(Caller.of(auth), id);
        return HttpResponse.ok(m).header("ETag", Versions.etag(m.version()));
    }

    @Put("/meetings/{id}")
    HttpResponse<Meetings.Meeting> change(@PathVariable UUID id, @Body ChangeBody b, HttpRequest<?> request, Authentication auth) {
        var m = meetings.change(Caller.of(auth), id, Versions.ifMatchVersion(request), b.title(),
                new Meetings.When(b.date(), b.startTime(), b.endTime(), b.location()), b.cancelled());
        return HttpResponse.ok(m).header("ETag", Versions.etag(m.version()));
    }

    @Get("/meetings/{id}/agenda")
    Meetings.Agenda agenda(@PathVariable UUID id, Authentication auth) {
        return minutes.agenda(Caller.of(auth), id);
    }

    /** Who changed the meeting's title, day, time or place, and when (newest first). */
    @Get("/meetings/{id}/changes")
    java.util.List<dk.gennemsyn.platform.history.History.Entry> changes(@PathVariable UUID id, Authentication auth) {
        return meetings.changes(Caller.of(auth), id);
    }

    @Post("/meetings/{id}/decisions")
    Meetings.Meeting decision(@PathVariable UUID id, @Valid @Body DecisionBody b, Authentication auth) {
        return minutes.recordDecision(Caller.of(auth), id, b.recommendationId(), b.decision(), b.body());
    }

    @Put("/meetings/{id}/minutes")
    Meetings.Meeting minutes(@PathVariable UUID id, @Valid @Body MinutesBody b, Authentication auth) {
        return minutes.saveMinutes(Caller.of(auth), id, b.minutes());
    }

    @Post("/meetings/{id}/approval")
    Meetings.Meeting approve(@PathVariable UUID id, Authentication auth) {
        return minutes.approve(Caller.of(auth), id);
    }
}
