package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.platform.history.History;
import dk.gennemsyn.recommendations.plans.FocusAreas;
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
                      @Nullable String target, @Nullable String meetingId, @Nullable String measure) {
    }

    @Serdeable
    record EditForm(@Nullable String title, @Nullable String owner, @Nullable String startDate, @Nullable String dueDate,
                    @Nullable String indicator, @Nullable String unit, @Nullable String baseline,
                    @Nullable String target, @Nullable String version, @Nullable String measure,
                    @Nullable String from) {
    }

    @Serdeable
    record FocusAreaEdit(@Nullable String title, @Nullable String description, @Nullable String horizon,
                         @Nullable String version) {
    }

    @Serdeable
    record StatusForm(@Nullable String status, @Nullable String reason, @Nullable String version, @Nullable String from) {
    }

    @Serdeable
    record NoteForm(@Nullable String body, @Nullable String from) {
    }

    @Serdeable
    record MeasurementForm(@Nullable String value, @Nullable String measuredOn, @Nullable String from) {
    }

    @Serdeable
    record MoveForm(@Nullable String direction) {
    }

    private final Plans plans;
    private final FocusAreas focusAreas;
    private final Recommendations recommendations;
    private final Page page;

    PlanPages(Plans plans, FocusAreas focusAreas, Recommendations recommendations, Page page) {
        this.plans = plans;
        this.focusAreas = focusAreas;
        this.recommendations = recommendations;
        this.page = page;
    }

    @Get("/reviews/{id}/plan")
    ModelAndView<Map<String, Object>> board(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = page.model(caller, id, "plan", "Handleplan");
        Plans.Board board = plans.board(caller, id);
        m.put("board", board);
        Map<UUID, Curve> curves = new java.util.HashMap<>();
        Map<UUID, List<History.Entry>> areaChanges = new java.util.HashMap<>();
        for (Plans.FocusArea a : board.focusAreas()) {
            a.actions().forEach(x -> curves.put(x.id(), Curve.of(x, 240, 90)));
            areaChanges.put(a.id(), plans.history(caller, a.id()));
        }
        m.put("curves", curves);
        m.put("areaChanges", areaChanges);
        m.put("accepted", recommendations.list(caller, id).stream().filter(Recommendations.Recommendation::accepted).toList());
        m.put("horizons", Plans.HORIZONS);
        m.put("statuses", Plans.STATUSES);
        m.put("healthLabels", Plans.HEALTH);
        m.put("measures", plans.measures(caller, id));
        return new ModelAndView<>("recommendations/plan", m);
    }

    /** One action: its indicator's curve and measurements, status, notes, the edit form and the history. */
    @Get("/actions/{action}")
    ModelAndView<Map<String, Object>> actionPage(@PathVariable UUID action, Authentication auth) {
        Caller caller = Caller.of(auth);
        Plans.Action x = plans.action(caller, action);
        Map<String, Object> m = page.model(caller, x.reviewId(), "plan", "Handling");
        Plans.FocusArea area = plans.board(caller, x.reviewId()).focusAreas().stream()
                .filter(a -> a.id().equals(x.focusAreaId())).findFirst().orElseThrow();
        m.put("x", x);
        m.put("area", area);
        m.put("recs", recommendations.list(caller, x.reviewId()).stream()
                .filter(r -> area.recommendationIds().contains(r.id())).toList());
        m.put("curve", Curve.of(x, 560, 200));
        m.put("changes", plans.history(caller, action));
        m.put("measures", plans.measures(caller, x.reviewId()));
        m.put("statuses", Plans.STATUSES);
        return new ModelAndView<>("recommendations/action", m);
    }

    /** A focus area's title, description and horizon changed from the plan page. */
    @Post("/focus-areas/{area}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> editFocusArea(@PathVariable UUID area, @Body FocusAreaEdit f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = reviewOf(caller, area);
        Long version = Forms.wholeNumber("version", f.version());
        return Page.post(f, area, () -> focusAreas.update(caller, area, version == null ? -1 : version, f.title(),
                        f.description(), f.horizon()),
                "/recommendations/reviews/" + review + "/plan#area-" + area, () -> board(review, auth));
    }

    @Post("/reviews/{id}/focus-areas")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> focusArea(@PathVariable UUID id, @Body FocusAreaForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> focusAreas.create(caller, id, f.title(), f.description(), f.horizon(),
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
            focusAreas.prioritise(caller, id, order, null);
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
        return Page.post(f, action, () -> plans.updateAction(caller, action, version == null ? -1 : version,
                        input(new ActionForm(f.title(), f.owner(), f.startDate(), f.dueDate(), f.indicator(), f.unit(),
                                f.baseline(), f.target(), null, f.measure()))),
                back(f.from(), review, action), () -> "plan".equals(f.from()) ? board(review, auth) : actionPage(action, auth));
    }

    @Post("/actions/{action}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(@PathVariable UUID action, @Body StatusForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = plans.action(caller, action).reviewId();
        Long version = Forms.wholeNumber("version", f.version());
        return Page.post(() -> plans.setStatus(caller, action, version == null ? -1 : version, f.status(), f.reason()),
                back(f.from(), review, action), () -> "plan".equals(f.from()) ? board(review, auth) : actionPage(action, auth));
    }

    @Post("/actions/{action}/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> note(@PathVariable UUID action, @Body NoteForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = plans.action(caller, action).reviewId();
        return Page.post(() -> plans.addNote(caller, action, f.body()),
                back(f.from(), review, action), () -> "plan".equals(f.from()) ? board(review, auth) : actionPage(action, auth));
    }

    @Post("/actions/{action}/measurements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> measure(@PathVariable UUID action, @Body MeasurementForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID review = plans.action(caller, action).reviewId();
        return Page.post(() -> plans.recordIndicator(caller, action, Forms.decimal("value", f.value()),
                        Forms.date("measuredOn", f.measuredOn())),
                back(f.from(), review, action), () -> "plan".equals(f.from()) ? board(review, auth) : actionPage(action, auth));
    }

    /** Where a change to an action goes back to: the plan it was made on, or the action's page. */
    private static String back(@Nullable String from, UUID review, UUID action) {
        return "plan".equals(from) ? "/recommendations/reviews/" + review + "/plan#action-" + action
                : "/recommendations/actions/" + action;
    }

    private UUID reviewOf(Caller caller, UUID area) {
        return focusAreas.reviewOf(caller, area);
    }

    static Plans.ActionInput input(ActionForm f) {
        return new Plans.ActionInput(f.title(), f.owner(), Forms.date("startDate", f.startDate()),
                Forms.date("dueDate", f.dueDate()), f.indicator(), f.unit(), Forms.decimal("baseline", f.baseline()),
                Forms.decimal("target", f.target()), f.measure());
    }
}
