package dk.gennemsyn.notifications.web;

import dk.gennemsyn.notifications.messages.Inbox;
import dk.gennemsyn.notifications.messages.Preferences;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.UUID;

/** The signed-in user's inbox and preferences: only their own. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class NotificationApi {

    @Serdeable
    record Unread(long unread) {
    }

    @Serdeable
    record Marked(int marked) {
    }

    @Serdeable
    record PreferenceBody(boolean email, @NotNull String digest, @Nullable List<UUID> mutedReviews) {
    }

    private final Inbox inbox;
    private final Preferences preferences;
    private final dk.gennemsyn.notifications.messages.Told told;

    NotificationApi(Inbox inbox, Preferences preferences, dk.gennemsyn.notifications.messages.Told told) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.told = told;
    }

    /** Who was told about a page (e.g. an urgent finding's), when, and whether they read it (staff). */
    @Get("/told")
    List<dk.gennemsyn.notifications.messages.Told.Recipient> told(@Nullable @QueryValue String about, Authentication auth) {
        return told.about(Caller.of(auth), about);
    }

    @Get("/inbox")
    Paging.Page<Inbox.Item> list(@QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "50") int size,
                                 @QueryValue(defaultValue = "false") boolean unread, Authentication auth) {
        return inbox.list(Caller.of(auth), unread, Paging.of(page, size, Sort.unsorted()));
    }

    @Get("/inbox/unread-count")
    Unread unread(Authentication auth) {
        return new Unread(inbox.unread(Caller.of(auth)));
    }

    @Post("/inbox/{id}/read")
    HttpResponse<?> read(@PathVariable UUID id, Authentication auth) {
        inbox.markRead(Caller.of(auth), id);
        return HttpResponse.noContent();
    }

    @Post("/inbox/read-all")
    Marked readAll(Authentication auth) {
        return new Marked(inbox.markAllRead(Caller.of(auth)));
    }

    @Get("/preferences")
    HttpResponse<Preferences.Preference> preferences(Authentication auth) {
        Preferences.Preference p = preferences.of(Caller.of(auth));
        return HttpResponse.ok(p).header("ETag", Versions.etag(p.version()));
    }

    @Put("/preferences")
    HttpResponse<Preferences.Preference> save(@Valid @Body PreferenceBody b, HttpRequest<?> request, Authentication auth) {
        Preferences.Preference p = preferences.save(Caller.of(auth), Versions.ifMatchVersion(request), b.email(), b.digest(),
                b.mutedReviews() == null ? List.of() : b.mutedReviews());
        return HttpResponse.ok(p).header("ETag", Versions.etag(p.version()));
    }
}
