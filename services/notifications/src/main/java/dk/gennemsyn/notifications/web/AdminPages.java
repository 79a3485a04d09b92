package dk.gennemsyn.notifications.web;

import dk.gennemsyn.notifications.calendar.CalendarSettings;
import dk.gennemsyn.notifications.delivery.Deliveries;
import dk.gennemsyn.notifications.rules.Rules;
import dk.gennemsyn.notifications.rules.Templates;
import dk.gennemsyn.notifications.rules.Triggers;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tenant administrator's pages: rules, calendar, texts with preview, delivery log. */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/admin")
@Secured(Roles.TENANT_ADMIN)
@Produces(MediaType.TEXT_HTML)
class AdminPages {

    @Serdeable
    record RuleForm(@Nullable String trigger, @Nullable List<String> recipients, @Nullable String channel,
                    @Nullable String urgent, @Nullable String offsetDays, @Nullable String enabled,
                    @Nullable String version) {
    }

    @Serdeable
    record CalendarForm(@Nullable String grundlovsdagOff, @Nullable String christmasEveOff,
                        @Nullable String newYearsEveOff, @Nullable String version) {
    }

    @Serdeable
    record TemplateForm(@Nullable String subject, @Nullable String body, @Nullable String version,
                        @Nullable String action) {
    }

    private final Rules rules;
    private final Templates templates;
    private final Deliveries deliveries;
    private final CalendarSettings calendar;

    AdminPages(Rules rules, Templates templates, Deliveries deliveries, CalendarSettings calendar) {
        this.rules = rules;
        this.templates = templates;
        this.deliveries = deliveries;
        this.calendar = calendar;
    }

    @Get
    ModelAndView<Map<String, Object>> rulesPage(Authentication auth) {
        return rulesPage(Caller.of(auth), null);
    }

    @Post("/rules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(@Body RuleForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            rules.create(caller, input(f));
            return HttpResponse.seeOther(URI.create("/notifications/admin"));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(rulesPage(caller, e.getMessage()), e));
        }
    }

    @Post("/rules/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(@PathVariable UUID id, @Body RuleForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            Long version = Forms.wholeNumber("version", f.version());
            rules.update(caller, id, version == null ? -1 : version, input(f));
            return HttpResponse.seeOther(URI.create("/notifications/admin#rule-" + id));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(rulesPage(caller, e.getMessage()), e));
        }
    }

    @Post("/rules/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(@PathVariable UUID id, Authentication auth) {
        rules.delete(Caller.of(auth), id);
        return HttpResponse.seeOther(URI.create("/notifications/admin"));
    }

    @Post("/calendar")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveCalendar(@Body CalendarForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        try {
            Long version = Forms.wholeNumber("version", f.version());
            calendar.save(caller, version == null ? -1 : version, f.grundlovsdagOff() != null, f.christmasEveOff() != null,
                    f.newYearsEveOff() != null);
            return HttpResponse.seeOther(URI.create("/notifications/admin#kalender"));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(rulesPage(caller, e.getMessage()), e));
        }
    }

    @Get("/templates")
    ModelAndView<Map<String, Object>> templatesPage(Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Beskedtekster");
        model.put("templates", templates.list(Caller.of(auth)));
        return new ModelAndView<>("notifications/templates", model);
    }

    @Get("/templates/{trigger}")
    ModelAndView<Map<String, Object>> templatePage(@PathVariable String trigger, Authentication auth) {
        Templates.Template t = templates.find(Caller.of(auth), trigger);
        return templatePage(t, t.subject(), t.body(), null, null, false);
    }

    /** "Vis eksempel" renders the text as sent, without saving; "Gem" saves; "Gendan" goes back to the shipped text. */
    @Post("/templates/{trigger}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveTemplate(@PathVariable String trigger, @Body TemplateForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        Templates.Template current = templates.find(caller, trigger);
        try {
            switch (f.action() == null ? "" : f.action()) {
                case "preview" -> {
                    return HttpResponse.ok(templatePage(current, f.subject(), f.body(),
                            templates.preview(trigger, f.subject(), f.body()), null, false));
                }
                case "reset" -> {
                    Templates.Template t = templates.reset(caller, trigger);
                    return HttpResponse.ok(templatePage(t, t.subject(), t.body(), null, null, true));
                }
                default -> {
                    Long version = Forms.wholeNumber("version", f.version());
                    Templates.Template t = templates.save(caller, trigger, version == null ? -1 : version, f.subject(),
                            f.body());
                    return HttpResponse.ok(templatePage(t, t.subject(), t.body(), null, null, true));
                }
            }
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(templatePage(current, f.subject(), f.body(), null, e.getMessage(), false), e));
        }
    }

    @Get("/deliveries")
    ModelAndView<Map<String, Object>> deliveriesPage(@QueryValue(defaultValue = "0") int page,
                                                     @Nullable @QueryValue String state, Authentication auth) {
        String s = state == null || state.isBlank() ? null : state;
        if (s != null && !Deliveries.STATES.containsKey(s)) {
            throw ProblemException.invalid("state", "Ukendt tilstand.");
        }
        Paging.Page<Deliveries.Delivery> log = deliveries.log(Caller.of(auth), s, null, Paging.of(page, 50, Sort.unsorted()));
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Leveringslog");
        model.put("log", log);
        model.put("pages", (log.total() + log.size() - 1) / log.size());
        model.put("state", s == null ? "" : s);
        model.put("states", Deliveries.STATES);
        return new ModelAndView<>("notifications/deliveries", model);
    }

    private ModelAndView<Map<String, Object>> rulesPage(Caller caller, @Nullable String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Regler for beskeder");
        model.put("rules", rules.list(caller));
        model.put("triggers", Triggers.all().stream().filter(t -> t.kind() != Triggers.Kind.DIGEST).toList());
        model.put("recipients", Rules.RECIPIENTS);
        model.put("channels", Rules.CHANNELS);
        model.put("calendar", calendar.of(caller));
        model.put("error", error);
        return new ModelAndView<>("notifications/admin", model);
    }

    private ModelAndView<Map<String, Object>> templatePage(Templates.Template t, @Nullable String subject,
                                                           @Nullable String body, @Nullable Templates.Rendered preview,
                                                           @Nullable String error, boolean saved) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Tekst: " + t.label());
        model.put("template", t);
        model.put("subject", subject);
        model.put("body", body);
        model.put("preview", preview);
        model.put("error", error);
        model.put("saved", saved);
        return new ModelAndView<>("notifications/template", model);
    }

    private static Rules.Input input(RuleForm f) {
        return new Rules.Input(f.trigger(), f.recipients() == null ? List.of() : f.recipients(), f.channel(),
                f.urgent() != null, Forms.smallNumber("offsetDays", f.offsetDays()), f.enabled() != null);
    }
}
