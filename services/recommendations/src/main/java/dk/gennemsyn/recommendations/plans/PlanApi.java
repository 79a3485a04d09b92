package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.platform.cpr.NoCpr;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.history.History;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The development plan: focus areas in priority order, actions with status and indicators. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class PlanApi {

    @Serdeable
    record FocusAreaBody(@Nullable @NoCpr String title, @Nullable @NoCpr String description, @Nullable String horizon,
                         @Nullable List<UUID> recommendationIds) {
    }

    @Serdeable
    record FocusAreaChange(@Nullable @NoCpr String title, @Nullable @NoCpr String description, @Nullable String horizon) {
    }

    @Serdeable
    record PriorityBody(@Nullable List<UUID> order, @Nullable Map<UUID, String> horizons) {
    }

    @Serdeable
    record ActionBody(@Nullable @NoCpr String title, @Nullable String owner, @Nullable LocalDate startDate,
                      @Nullable LocalDate dueDate, @Nullable @NoCpr String indicator, @Nullable @NoCpr String unit,
                      @Nullable BigDecimal baseline, @Nullable BigDecimal target, @Nullable UUID meetingId,
                      @Nullable String measure) {
        Plans.ActionInput input() {
            return new Plans.ActionInput(title, owner, startDate, dueDate, indicator, unit, baseline, target, measure);
        }
    }

    @Serdeable
    record StatusBody(@Nullable String status, @Nullable @NoCpr String reason) {
    }

    @Serdeable
    record NoteBody(@Nullable @NoCpr String body) {
    }

    @Serdeable
    record MeasurementBody(@Nullable BigDecimal value, @Nullable LocalDate measuredOn) {
    }

    private final Plans plans;
    private final FocusAreas focusAreas;

    PlanApi(Plans plans, FocusAreas focusAreas) {
        this.plans = plans;
        this.focusAreas = focusAreas;
    }

    @Get("/reviews/{review}/plan")
    Plans.Board board(@PathVariable UUID review, Authentication auth) {
        return plans.board(Caller.of(auth), review);
    }

    @Post("/reviews/{review}/focus-areas")
    HttpResponse<Plans.FocusArea> focusArea(@PathVariable UUID review, @Valid @Body FocusAreaBody b, Authentication auth) {
        return HttpResponse.created(focusAreas.create(Caller.of(auth), review, b.title(), b.description(), b.horizon(),
                b.recommendationIds()));
    }

    @Put("/focus-areas/{focusArea}")
    HttpResponse<Plans.FocusArea> updateFocusArea(@PathVariable UUID focusArea, @Valid @Body FocusAreaChange b,
                                                  HttpRequest<?> request, Authentication auth) {
        var a = focusAreas.update(Caller.of(auth), focusArea, Versions.ifMatchVersion(request), b.title(), b.description(),
                b.horizon());
        return HttpResponse.ok(a).header("ETag", Versions.etag(a.version()));
    }

    /** Who changed a focus area or an action, what and when (newest first). */
    @Get("/focus-areas/{focusArea}/changes")
    List<History.Entry> focusAreaChanges(@PathVariable UUID focusArea, Authentication auth) {
        return plans.history(Caller.of(auth), focusArea);
    }

    @Get("/actions/{id}/changes")
    List<History.Entry> actionChanges(@PathVariable UUID id, Authentication auth) {
        return plans.history(Caller.of(auth), id);
    }

    /** The legal rules the screening measures, to bind an indicator to (code → Danish name). */
    @Get("/reviews/{review}/measures")
    Map<String, String> measures(@PathVariable UUID review, Authentication auth) {
        return plans.measures(Caller.of(auth), review);
    }

    @Put("/reviews/{review}/focus-areas/priority")
    Plans.Board prioritise(@PathVariable UUID review, @Body PriorityBody b, Authentication auth) {
        focusAreas.prioritise(Caller.of(auth), review, b.order(), b.horizons());
        return plans.board(Caller.of(auth), review);
    }

    @Post("/focus-areas/{focusArea}/actions")
    HttpResponse<Plans.Action> action(@PathVariable UUID focusArea, @Valid @Body ActionBody b, Authentication auth) {
        var a = plans.createAction(Caller.of(auth), focusArea, b.input(), b.meetingId());
        return HttpResponse.created(a).header("ETag", Versions.etag(a.version()));
    }

    @Get("/actions/{id}")
    HttpResponse<Plans.Action> get(@PathVariable UUID id, Authentication auth) {
        var a = plans.action(Caller.of(auth), id);
        return HttpResponse.ok(a).header("ETag", Versions.etag(a.version()));
    }

    @Put("/actions/{id}")
    HttpResponse<Plans.Action> update(@PathVariable UUID id, @Valid @Body ActionBody b, HttpRequest<?> request,
                                      Authentication auth) {
        var a = plans.updateAction(Caller.of(auth), id, Versions.ifMatchVersion(request), b.input());
        return HttpResponse.ok(a).header("ETag", Versions.etag(a.version()));
    }

    @Put("/actions/{id}/status")
    HttpResponse<Plans.Action> status(@PathVariable UUID id, @Valid @Body StatusBody b, HttpRequest<?> request,
                                      Authentication auth) {
        var a = plans.setStatus(Caller.of(auth), id, Versions.ifMatchVersion(request), b.status(), b.reason());
        return HttpResponse.ok(a).header("ETag", Versions.etag(a.version()));
    }

    @Post("/actions/{id}/notes")
    Plans.Action note(@PathVariable UUID id, @Valid @Body NoteBody b, Authentication auth) {
        return plans.addNote(Caller.of(auth), id, b.body());
    }

    @Post("/actions/{id}/measurements")
    Plans.Action measure(@PathVariable UUID id, @Body MeasurementBody b, Authentication auth) {
        return plans.recordIndicator(Caller.of(auth), id, b.value(), b.measuredOn());
    }
}
