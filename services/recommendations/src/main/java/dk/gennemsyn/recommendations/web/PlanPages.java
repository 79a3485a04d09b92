package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The plan board: focus areas by priority, actions with status, health and indicators. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class PlanPages {

    @Serdeable
    record FocusAreaForm(@Nullable String title, @Nullable String description, @Nullable String horizon,
                         @Nullable List<String> recommendationIds) {
    }

    @Serdeable
    record ActionForm(@Nullable String title, @Nullable String owner, @Nullable String startDate, @Nullable String dueDate,
                      @Nullable String indicator, @Nullable String unit, @Nullable String baseline,
                      @Nullable String target, @Nullable String meetingId) {
    }

    @Serdeable
    record EditForm(@Nullable String title, @Nullable String owner, @Nullable String startDate, @Nullable String dueDate,
                    @Nullable String indicator, @Nullable String unit, @Nullable String baseline,
                    @Nullable String target, @Nullable String version) {
    }

    @Serdeable
    record StatusForm(@Nullable String status, @Nullable String reason, @Nullable String version) {
    }

    @Serdeable
    record NoteForm(@Nullable String body) {
    }

    @Serdeable
    record MeasurementForm(@Nullable String value, @Nullable String measuredOn) {
    }

    @Serdeable
    record MoveForm(@Nullable String direction) {
    }

    private final Plans plans;
    private final Recommendations recommendations;
    private final Page page;

    PlanPages(Plans plans, Recommendations recommendations, Page page) {
        this.plans = plans;
        this.recommendations = recommendations;
        this.page = page;
    }

    @Get("/reviews/{id}/plan")
    ModelAndView<Map<String, Object>> board(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = page.model(caller, id, "plan", "Handleplan");
        m.put("board", plans.board(caller, id));
        m.put("accepted", recommendations.list(caller, id).stream().filter(Recommendations.Recommendation::accepted).toList());
        m.put("horizons", Plans.HORIZONS);
        m.put("statuses", Plans.STATUSES);
        m.put("healthLabels", Plans.HEALTH);
        return new ModelAndView<>("recommendations/plan", m);
    }

    @Post("/reviews/{id}/focus-areas")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> focusArea(@PathVariable UUID id, @Body FocusAreaForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> plans.createFocusArea(caller, id, f.title(), f.description(), f.horizon(),
                        f.recommendationIds() == null ? List.of()
                                : f.recommendationIds().stream().map(s -> Page.uuid("recommendationIds", s)).toList()),
                "/recommendations/reviews/" + id + "/plan", () -> board(id, auth));
    }

    /** Moves a focus area one place up or down in the priority order (the workshop's ordered list). */
    @Post("/reviews/{id}/focus-areas/{area}/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> move(@PathVariable UUID id, @PathVariable UUID area, @Body MoveForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> {
            List<UUID> order = new ArrayList<>(plans.board(caller, id).focusAreas().stream().map(Plans.FocusArea::id).toList());
            int i = order.indexOf(area);
            int j = "up".equals(f.direction()) ? i - 1 : i + 1;
            if (i >= 0 && j >= 0 && j < order.size()) {
                Collections.swap(order, i, j);
            }
            plans.prioritise(caller, id, order, null);
        }, "/recommendations/reviews/" + id + "/plan", () -> board(id, auth));
    }

    @Post("/focus-areas/{area}/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> action(@PathVariable UUID area, @Body ActionForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID meeting = Page.uuid("meetingId", f.meetingId());
        return Page.post(() -> plans.createAction(caller, area, input(f), meeting),
                "/recommendations/" + (meeting == null ? "reviews/" + reviewOf(caller, area) + "/plan" : "meetings/" + meeting),
                () -> board(reviewOf(caller, area), auth));
    }

    /** Changes an action (title, owner, dates, indicator): e.g. one created without an indicator gets one later. */
    @Post("/actions/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> edit(@PathVariable UUID action, @Body EditForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = plans.action(caller, action).reviewId();
        Long version = Forms.wholeNumber("version", f.version());
        return Page.post(() -> plans.updateAction(caller, action, version == null ? -1 : version,
                        input(new ActionForm(f.title(), f.owner(), f.startDate(), f.dueDate(), f.indicator(), f.unit(),
                                f.baseline(), f.target(), null))),
                "/recommendations/reviews/" + review + "/plan#action-" + action, () -> board(review, auth));
    }

    @Post("/actions/{action}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(@PathVariable UUID action, @Body StatusForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = plans.action(caller, action).reviewId();
        Long version = Forms.wholeNumber("version", f.version());
        return Page.post(() -> plans.setStatus(caller, action, version == null ? -1 : version, f.status(), f.reason()),
                "/recommendations/reviews/" + review + "/plan#action-" + action, () -> board(review, auth));
    }

    @Post("/actions/{action}/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> note(@PathVariable UUID action, @Body NoteForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = plans.action(caller, action).reviewId();
        return Page.post(() -> plans.addNote(caller, action, f.body()),
                "/recommendations/reviews/" + review + "/plan#action-" + action, () -> board(review, auth));
    }

    @Post("/actions/{action}/measurements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> measure(@PathVariable UUID action, @Body MeasurementForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = plans.action(caller, action).reviewId();
        return Page.post(() -> plans.recordIndicator(caller, action, Forms.decimal("value", f.value()),
                        Forms.date("measuredOn", f.measuredOn())),
                "/recommendations/reviews/" + review + "/plan#action-" + action, () -> board(review, auth));
    }

    private UUID reviewOf(Caller caller, UUID area) {
        return plans.reviewOfFocusArea(caller, area);
    }

    static Plans.ActionInput input(ActionForm f) {
        return new Plans.ActionInput(f.title(), f.owner(), Forms.date("startDate", f.startDate()),
                Forms.date("dueDate", f.dueDate()), f.indicator(), f.unit(), Forms.decimal("baseline", f.baseline()),
                Forms.decimal("target", f.target()));
    }
}
