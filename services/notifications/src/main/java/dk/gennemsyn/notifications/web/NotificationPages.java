package dk.gennemsyn.notifications.web;

import dk.gennemsyn.notifications.messages.Inbox;
import dk.gennemsyn.notifications.messages.Preferences;
import dk.gennemsyn.notifications.reviews.ReviewCopies;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The user's inbox and preferences (Danish pages). */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class NotificationPages {

    @Serdeable
    record PreferenceForm(@Nullable String email, @Nullable String digest, @Nullable List<String> muted,
                          @Nullable String version) {
    }

    private final Inbox inbox;
    private final Preferences preferences;
    private final ReviewCopies reviews;
    private final dk.gennemsyn.notifications.messages.Told told;

    NotificationPages(Inbox inbox, Preferences preferences, ReviewCopies reviews,
                      dk.gennemsyn.notifications.messages.Told told) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.reviews = reviews;
        this.told = told;
    }

    /** Who was told about a page and when (the finding page links here). */
    @Get("/told")
    ModelAndView<Map<String, Object>> told(@Nullable @QueryValue String about, Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Hvem har fået besked");
        model.put("told", told.about(Caller.of(auth), about));
        model.put("about", about);
        return new ModelAndView<>("notifications/told", model);
    }

    @Get
    ModelAndView<Map<String, Object>> inbox(@QueryValue(defaultValue = "0") int page,
                                            @QueryValue(defaultValue = "false") boolean unread, Authentication auth) {
        Caller caller = Caller.of(auth);
        Paging.Page<Inbox.Item> items = inbox.list(caller, unread, Paging.of(page, 25, Sort.unsorted()));
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Indbakke");
        model.put("items", items);
        model.put("pages", (items.total() + items.size() - 1) / items.size());
        model.put("unreadOnly", unread);
        model.put("unread", inbox.unread(caller));
        model.put("isAdmin", caller.hasAnyRole(List.of(dk.gennemsyn.platform.security.Roles.TENANT_ADMIN)));
        return new ModelAndView<>("notifications/inbox", model);
    }

    @Post("/inbox/{id}/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> read(@PathVariable UUID id, Authentication auth) {
        inbox.markRead(Caller.of(auth), id);
        return HttpResponse.seeOther(URI.create("/notifications/"));
    }

    @Post("/inbox/read-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> readAll(Authentication auth) {
        inbox.markAllRead(Caller.of(auth));
        return HttpResponse.seeOther(URI.create("/notifications/"));
    }

    @Get("/preferences")
    ModelAndView<Map<String, Object>> preferencesPage(Authentication auth) {
        Caller caller = Caller.of(auth);
        return preferencesPage(caller, preferences.of(caller), null, false);
    }

    @Post("/preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> savePreferences(@Body PreferenceForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            List<UUID> muted = f.muted() == null ? List.of() : f.muted().stream().map(s -> uuid("muted", s)).toList();
            Long version = Forms.wholeNumber("version", f.version());
            Preferences.Preference saved = preferences.save(caller, version == null ? 0 : version, f.email() != null,
                    f.digest(), muted);
            return HttpResponse.ok(preferencesPage(caller, saved, null, true));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(preferencesPage(caller, preferences.of(caller), e.getMessage(), false), e));
        }
    }

    private ModelAndView<Map<String, Object>> preferencesPage(Caller caller, Preferences.Preference p,
                                                              @Nullable String error, boolean saved) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Indstillinger for beskeder");
        model.put("pref", p);
        model.put("digests", Preferences.DIGESTS);
        model.put("reviews", reviews.mutable(caller));
        model.put("error", error);
        model.put("saved", saved);
        return new ModelAndView<>("notifications/preferences", model);
    }

    static UUID uuid(String field, String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "Ukendt gennemgang.");
        }
    }
}
