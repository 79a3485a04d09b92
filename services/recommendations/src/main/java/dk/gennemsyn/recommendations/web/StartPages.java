package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.meetings.Meetings;
import dk.gennemsyn.recommendations.plans.Plans;
import dk.gennemsyn.recommendations.recs.Recommendations;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The start pages of the follow-up's two roles (platform StartPage sends them here): the tovholder's actions due
 * across the municipality's reviews, and the steering group's decisions to take with each plan's progress.
 */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class StartPages {

    public record ActionRow(ReviewCopies.ReviewRef review, String focusArea, Plans.Action action, boolean overdue) {
    }

    public record ReviewStatus(ReviewCopies.ReviewRef review, List<Recommendations.Recommendation> awaiting,
                               List<Recommendations.Recommendation> decided, Map<String, Long> health,
                               @Nullable Meetings.Meeting nextMeeting, List<Indicator> indicators) {
    }

    /** A measured indicator of the plan, with its curve. */
    public record Indicator(Plans.Action action, Curve curve) {
    }

    private final TenantTx tenantTx;
    private final ReviewCopies reviews;
    private final Plans plans;
    private final Recommendations recommendations;
    private final Meetings meetings;

    StartPages(TenantTx tenantTx, ReviewCopies reviews, Plans plans, Recommendations recommendations, Meetings meetings) {
        this.tenantTx = tenantTx;
        this.reviews = reviews;
        this.plans = plans;
        this.recommendations = recommendations;
        this.meetings = meetings;
    }

    /** Open actions by due date: the caller's own, or all ({@code ?alle=true}). */
    @Get("/actions")
    ModelAndView<Map<String, Object>> actions(@Nullable @QueryValue Boolean alle, Authentication auth) {
        Caller caller = Caller.of(auth);
        boolean all = Boolean.TRUE.equals(alle);
        LocalDate today = LocalDate.now(dk.gennemsyn.platform.web.DanishFormat.ZONE);
        List<ActionRow> rows = new ArrayList<>();
        for (ReviewCopies.ReviewRef r : readable(caller)) {
            Optional<Plans.Board> board = attempt(() -> plans.board(caller, r.id()));
            board.ifPresent(b -> b.focusAreas().forEach(fa -> fa.actions().stream()
                    .filter(a -> a.open() && (all || a.owner().equals(caller.userId())))
                    .forEach(a -> rows.add(new ActionRow(r, fa.title(), a, a.dueDate().isBefore(today))))));
        }
        rows.sort(Comparator.comparing((ActionRow x) -> x.action().dueDate()));
        Map<String, Object> m = new HashMap<>();
        m.put("title", all ? "Alle åbne handlinger" : "Mine handlinger");
        m.put("rows", rows);
        m.put("all", all);
        return new ModelAndView<>("recommendations/actions", m);
    }

    /** Per review: the recommendations waiting for a decision, those decided, the plan's health and the next meeting. */
    @Get("/steering")
    ModelAndView<Map<String, Object>> steering(Authentication auth) {
        Caller caller = Caller.of(auth);
        LocalDate today = LocalDate.now(dk.gennemsyn.platform.web.DanishFormat.ZONE);
        List<ReviewStatus> status = new ArrayList<>();
        for (ReviewCopies.ReviewRef r : readable(caller)) {
            Optional<List<Recommendations.Recommendation>> recs = attempt(() -> recommendations.list(caller, r.id()));
            if (recs.isEmpty()) {
                continue;
            }
            Optional<Plans.Board> board = attempt(() -> plans.board(caller, r.id()));
            Map<String, Long> health = board.map(Plans.Board::health).orElse(Map.of());
            List<Indicator> indicators = board.map(b -> b.focusAreas().stream().flatMap(fa -> fa.actions().stream())
                    .map(a -> new Indicator(a, Curve.of(a, 360, 150))).filter(i -> i.curve() != null).toList())
                    .orElse(List.of());
            Meetings.Meeting next = attempt(() -> meetings.list(caller, r.id())).orElse(List.of()).stream()
                    .filter(x -> !x.cancelled() && !x.date().isBefore(today)).findFirst().orElse(null);
            status.add(new ReviewStatus(r, recs.get().stream().filter(Recommendations.Recommendation::decisionDue).toList(),
                    recs.get().stream().filter(x -> !x.decisionDue()).toList(), health, next, indicators));
        }
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Styregruppens overblik");
        m.put("reviews", status);
        m.put("healthLabels", Plans.HEALTH);
        return new ModelAndView<>("recommendations/steering", m);
    }

    private List<ReviewCopies.ReviewRef> readable(Caller caller) {
        return caller.hasAnyRole(Access.STAFF) ? tenantTx.read(caller.tenant(), reviews::list) : List.of();
    }

    /** A review the caller may not read (not among its people) is left out, not an error. */
    private static <T> Optional<T> attempt(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ProblemException e) {
            if (e.status().getCode() == 403 || e.status().getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
