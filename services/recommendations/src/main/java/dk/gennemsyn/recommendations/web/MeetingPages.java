package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.recommendations.meetings.Meetings;
import dk.gennemsyn.recommendations.meetings.Minutes;
import dk.gennemsyn.recommendations.plans.Plans;
import dk.gennemsyn.recommendations.recs.Recommendations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.util.Map;
import java.util.UUID;

/** Meetings: the list and cadence, and each meeting with its generated agenda and minutes. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class MeetingPages {

    @Serdeable
    record MeetingForm(@Nullable String kind, @Nullable String title, @Nullable String date, @Nullable String startTime,
                       @Nullable String endTime, @Nullable String location, @Nullable String agendaDaysBefore) {
    }

    @Serdeable
    record CadenceForm(@Nullable String kind, @Nullable String first, @Nullable String every, @Nullable String count,
                       @Nullable String startTime, @Nullable String endTime, @Nullable String location) {
    }

    @Serdeable
    record ChangeForm(@Nullable String title, @Nullable String date, @Nullable String startTime, @Nullable String endTime,
                      @Nullable String location, @Nullable String version) {
    }

    @Serdeable
    record DecisionForm(@Nullable String recommendationId, @Nullable String decision, @Nullable String body) {
    }

    @Serdeable
    record MinutesForm(@Nullable String minutes) {
    }

    private final Meetings meetings;
    private final Minutes minutes;
    private final Recommendations recommendations;
    private final Plans plans;
    private final Page page;

    MeetingPages(Meetings meetings, Minutes minutes, Recommendations recommendations, Plans plans, Page page) {
        this.minutes = minutes;
        this.meetings = meetings;
        this.recommendations = recommendations;
        this.plans = plans;
        this.page = page;
    }

    @Get("/reviews/{id}/meetings")
    ModelAndView<Map<String, Object>> list(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = page.model(caller, id, "meetings", "Møder og opfølgning");
        m.put("meetings", meetings.list(caller, id));
        m.put("kinds", Meetings.KINDS);
        return new ModelAndView<>("recommendations/meetings", m);
    }

    @Post("/reviews/{id}/meetings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> schedule(@PathVariable UUID id, @Body MeetingForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> meetings.schedule(caller, id, f.kind(), f.title(), new Meetings.When(
                                Forms.date("date", f.date()), Forms.time("startTime", f.startTime()),
                                Forms.time("endTime", f.endTime()), f.location()),
                        Forms.smallNumber("agendaDaysBefore", f.agendaDaysBefore())),
                "/recommendations/reviews/" + id + "/meetings", () -> list(id, auth));
    }

    /** "every" is a number of weeks, or "monthly". */
    @Post("/reviews/{id}/meetings/cadence")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> cadence(@PathVariable UUID id, @Body CadenceForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        boolean monthly = "monthly".equals(f.every());
        return Page.post(() -> meetings.cadence(caller, id, f.kind(), new Meetings.When(Forms.date("first", f.first()),
                                Forms.time("startTime", f.startTime()), Forms.time("endTime", f.endTime()), f.location()),
                        monthly ? null : Forms.smallNumber("everyWeeks", f.every()), monthly,
                        Forms.smallNumber("count", f.count()), null),
                "/recommendations/reviews/" + id + "/meetings", () -> list(id, auth));
    }

    @Get("/meetings/{id}")
    ModelAndView<Map<String, Object>> meeting(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Meetings.Agenda agenda = minutes.agenda(caller, id);
        UUID review = agenda.meeting().reviewId();
        Map<String, Object> m = page.model(caller, review, "meetings", agenda.meeting().title());
        m.put("meeting", agenda.meeting());
        m.put("agenda", agenda.items());
        m.put("recommendations", recommendations.list(caller, review));
        m.put("focusAreas", plans.board(caller, review).focusAreas());
        m.put("decisions", Recommendations.DECISIONS);
        m.put("changes", meetings.changes(caller, id));
        // As the approval decides it.
        m.put("held", agenda.meeting().heldBy(java.time.LocalDateTime.now(dk.gennemsyn.platform.web.DanishFormat.ZONE)));
        return new ModelAndView<>("recommendations/meeting", m);
    }

    @Post("/meetings/{id}/decisions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decision(@PathVariable UUID id, @Body DecisionForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> minutes.recordDecision(caller, id, Page.uuid("recommendationId", f.recommendationId()),
                        f.decision(), f.body()),
                "/recommendations/meetings/" + id, () -> meeting(id, auth));
    }

    /** The meeting's title, day, time and place (the invitation goes out again). */
    @Post("/meetings/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> change(@PathVariable UUID id, @Body ChangeForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        Long version = Forms.wholeNumber("version", f.version());
        return Page.post(() -> meetings.change(caller, id, version == null ? -1 : version, f.title(), new Meetings.When(
                        Forms.date("date", f.date()), Forms.time("startTime", f.startTime()), Forms.time("endTime", f.endTime()),
                        f.location()), false), "/recommendations/meetings/" + id, () -> meeting(id, auth));
    }

    @Post("/meetings/{id}/minutes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> minutes(@PathVariable UUID id, @Body MinutesForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> minutes.saveMinutes(caller, id, f.minutes()), "/recommendations/meetings/" + id,
                () -> meeting(id, auth));
    }

    @Post("/meetings/{id}/approval")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> approve(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> minutes.approve(caller, id), "/recommendations/meetings/" + id, () -> meeting(id, auth));
    }
}
