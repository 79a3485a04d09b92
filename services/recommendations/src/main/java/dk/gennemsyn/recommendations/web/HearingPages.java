package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.recommendations.hearings.Hearings;
import dk.gennemsyn.recommendations.hearings.LineDiff;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hearing rounds: send, respond, coordinate, publish; versions with what changed. */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class HearingPages {

    @Serdeable
    record OpenForm(@Nullable String title, @Nullable String body, @Nullable List<String> recommendationIds,
                    @Nullable List<String> respondents, @Nullable String workingDays) {
    }

    @Serdeable
    record HandleForm(@Nullable String handling, @Nullable String note) {
    }

    @Serdeable
    record PublishForm(@Nullable String body, @Nullable String changeNote, @Nullable String lock, @Nullable String closeEarly) {
    }

    private final Hearings hearings;
    private final Recommendations recommendations;
    private final Page page;

    HearingPages(Hearings hearings, Recommendations recommendations, Page page) {
        this.hearings = hearings;
        this.recommendations = recommendations;
        this.page = page;
    }

    @Get("/reviews/{id}/hearings")
    ModelAndView<Map<String, Object>> list(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> m = page.model(caller, id, "hearings", "Høringer");
        m.put("hearings", hearings.list(caller, id));
        m.put("recommendations", recommendations.list(caller, id));
        m.put("defaultDays", Hearings.DEFAULT_WORKING_DAYS);
        m.put("groups", Map.of("validator", "Alle validatorer (sagsbehandlere og ledere)", "styregruppe", "Hele styregruppen",
                "tovholder", "Alle tovholdere"));
        return new ModelAndView<>("recommendations/hearings", m);
    }

    @Post("/reviews/{id}/hearings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> open(@PathVariable UUID id, @Body OpenForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        UUID[] created = new UUID[1];
        HttpResponse<?> r = Page.post(() -> created[0] = hearings.open(caller, id, f.title(), f.body(),
                        f.recommendationIds() == null ? List.of() : f.recommendationIds().stream().map(s -> Page.uuid("recommendationIds", s)).toList(),
                        f.respondents(), Forms.smallNumber("workingDays", f.workingDays()), null).id(),
                "/recommendations/reviews/" + id + "/hearings", () -> list(id, auth));
        return created[0] == null ? r : HttpResponse.seeOther(java.net.URI.create("/recommendations/hearings/" + created[0]));
    }

    @Get("/hearings/{id}")
    ModelAndView<Map<String, Object>> detail(@PathVariable UUID id, Authentication auth) {
        Caller caller = Caller.of(auth);
        Hearings.Hearing h = hearings.get(caller, id);
        Map<String, Object> m = page.model(caller, h.reviewId(), "hearings", "Høring: " + h.title());
        m.put("hearing", h);
        m.put("current", h.versions().get(h.versions().size() - 1));
        m.put("notAnswered", Hearings.notAnswered(h));
        m.put("closesEarly", hearings.closesEarly(h));
        m.put("recommendations", recommendations.list(caller, h.reviewId()).stream()
                .filter(r -> h.versions().get(0).recommendationIds().contains(r.id())).toList());
        m.put("isRespondent", h.respondents().stream().anyMatch(r -> r.userId().equals(caller.userId())));
        m.put("handlings", Hearings.HANDLINGS);
        List<List<LineDiff.Line>> diffs = new ArrayList<>();
        for (int i = 1; i < h.versions().size(); i++) {
            diffs.add(LineDiff.between(h.versions().get(i - 1).body(), h.versions().get(i).body()));
        }
        m.put("diffs", diffs);
        return new ModelAndView<>("recommendations/hearing", m);
    }

    /** A general comment ("general") and one per recommendation in the draft (fields "c-<recommendation id>"). */
    @Post("/hearings/{id}/responses")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> respond(@PathVariable UUID id, @Body Map<String, String> form, Authentication auth) {
        Caller caller = Caller.of(auth);
        List<Hearings.CommentInput> comments = new ArrayList<>();
        comments.add(new Hearings.CommentInput(null, form.get("general")));
        form.forEach((k, v) -> {
            if (k.startsWith("c-")) {
                comments.add(new Hearings.CommentInput(Page.uuid("recommendationId", k.substring(2)), v));
            }
        });
        return Page.post(() -> hearings.respond(caller, id, comments), "/recommendations/hearings/" + id, () -> detail(id, auth));
    }

    @Post("/hearings/{id}/comments/{comment}/handling")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> handle(@PathVariable UUID id, @PathVariable UUID comment, @Body HandleForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return Page.post(() -> hearings.handle(caller, comment, f.handling(), f.note()),
                "/recommendations/hearings/" + id + "#comment-" + comment, () -> detail(id, auth));
    }

    @Post("/hearings/{id}/versions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> publish(@PathVariable UUID id, @Body PublishForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        Long lock = Forms.wholeNumber("lock", f.lock());
        return Page.post(() -> hearings.publish(caller, id, lock == null ? -1 : lock, f.body(), null, f.changeNote(),
                        "on".equals(f.closeEarly())),
                "/recommendations/hearings/" + id, () -> detail(id, auth));
    }
}
