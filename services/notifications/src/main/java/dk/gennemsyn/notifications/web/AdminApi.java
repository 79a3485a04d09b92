package dk.gennemsyn.notifications.web;

import dk.gennemsyn.notifications.calendar.CalendarSettings;
import dk.gennemsyn.notifications.delivery.Deliveries;
import dk.gennemsyn.notifications.rules.Rules;
import dk.gennemsyn.notifications.rules.Templates;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.problem.Versions;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;

import java.util.List;
import java.util.UUID;

/** The tenant administrator's rules, texts, calendar and delivery log. */
@Controller("/api/admin")
@Secured(Roles.TENANT_ADMIN)
class AdminApi {

    @Serdeable
    record RuleBody(@Nullable String trigger, @Nullable List<String> recipients, @Nullable String channel,
                    boolean urgent, @Nullable Integer offsetDays, @Nullable Boolean enabled) {
        Rules.Input input() {
            return new Rules.Input(trigger, recipients, channel, urgent, offsetDays, enabled == null || enabled);
        }
    }

    @Serdeable
    record TemplateBody(@Nullable String subject, @Nullable String body) {
    }

    @Serdeable
    record CalendarBody(boolean grundlovsdagOff, boolean christmasEveOff, boolean newYearsEveOff) {
    }

    private final Rules rules;
    private final Templates templates;
    private final Deliveries deliveries;
    private final CalendarSettings calendar;

    AdminApi(Rules rules, Templates templates, Deliveries deliveries, CalendarSettings calendar) {
        this.rules = rules;
        this.templates = templates;
        this.deliveries = deliveries;
        this.calendar = calendar;
    }

    @Get("/rules")
    List<Rules.Rule> rules(Authentication auth) {
        return rules.list(Caller.of(auth));
    }

    @Post("/rules")
    HttpResponse<Rules.Rule> create(@Valid @Body RuleBody b, Authentication auth) {
        Rules.Rule r = rules.create(Caller.of(auth), b.input());
        return HttpResponse.created(r).header("ETag", Versions.etag(r.version()));
    }

    @Get("/rules/{id}")
    HttpResponse<Rules.Rule> rule(@PathVariable UUID id, Authentication auth) {
        Rules.Rule r = rules.find(Caller.of(auth), id);
        return HttpResponse.ok(r).header("ETag", Versions.etag(r.version()));
    }

    @Put("/rules/{id}")
    HttpResponse<Rules.Rule> update(@PathVariable UUID id, @Valid @Body RuleBody b, HttpRequest<?> request,
                                    Authentication auth) {
        Rules.Rule r = rules.update(Caller.of(auth), id, Versions.ifMatchVersion(request), b.input());
        return HttpResponse.ok(r).header("ETag", Versions.etag(r.version()));
    }

    @Delete("/rules/{id}")
    HttpResponse<?> delete(@PathVariable UUID id, Authentication auth) {
        rules.delete(Caller.of(auth), id);
        return HttpResponse.noContent();
    }

    @Get("/templates")
    List<Templates.Template> templates(Authentication auth) {
        return templates.list(Caller.of(auth));
    }

    @Get("/templates/{trigger}")
    HttpResponse<Templates.Template> template(@PathVariable String trigger, Authentication auth) {
        Templates.Template t = templates.find(Caller.of(auth), trigger);
        return HttpResponse.ok(t).header("ETag", Versions.etag(t.version()));
    }

    @Put("/templates/{trigger}")
    HttpResponse<Templates.Template> saveTemplate(@PathVariable String trigger, @Body TemplateBody b,
                                                  HttpRequest<?> request, Authentication auth) {
        Templates.Template t = templates.save(Caller.of(auth), trigger, Versions.ifMatchVersion(request), b.subject(),
                b.body());
        return HttpResponse.ok(t).header("ETag", Versions.etag(t.version()));
    }

    @Delete("/templates/{trigger}")
    Templates.Template resetTemplate(@PathVariable String trigger, Authentication auth) {
        return templates.reset(Caller.of(auth), trigger);
    }

    /** The text as it would be sent, with example values; nothing is saved. */
    @Post("/templates/{trigger}/preview")
    Templates.Rendered preview(@PathVariable String trigger, @Body TemplateBody b) {
        return templates.preview(trigger, b.subject(), b.body());
    }

    @Get("/deliveries")
    Paging.Page<Deliveries.Delivery> deliveries(@QueryValue(defaultValue = "0") int page,
                                                @QueryValue(defaultValue = "50") int size,
                                                @Nullable @QueryValue String state, @Nullable @QueryValue String channel,
                                                Authentication auth) {
        if (state != null && !Deliveries.STATES.containsKey(state)) {
            throw ProblemException.invalid("state", "Tilstand skal være en af: " + String.join(", ", Deliveries.STATES.keySet()) + ".");
        }
        if (channel != null && !List.of("email", "inbox").contains(channel)) {
            throw ProblemException.invalid("channel", "Kanal skal være email eller inbox.");
        }
        return deliveries.log(Caller.of(auth), state, channel, Paging.of(page, size, Sort.unsorted()));
    }

    @Get("/calendar")
    HttpResponse<CalendarSettings.Settings> calendar(Authentication auth) {
        CalendarSettings.Settings s = calendar.of(Caller.of(auth));
        return HttpResponse.ok(s).header("ETag", Versions.etag(s.version()));
    }

    @Put("/calendar")
    HttpResponse<CalendarSettings.Settings> saveCalendar(@Body CalendarBody b, HttpRequest<?> request, Authentication auth) {
        CalendarSettings.Settings s = calendar.save(Caller.of(auth), Versions.ifMatchVersion(request), b.grundlovsdagOff(),
                b.christmasEveOff(), b.newYearsEveOff());
        return HttpResponse.ok(s).header("ETag", Versions.etag(s.version()));
    }
}
