package dk.gennemsyn.assessment.instruments;

import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Forms;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The instrument pages: the list, one version, and the editor of a draft (a form per question, no JSON). */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/instruments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Produces(MediaType.TEXT_HTML)
class InstrumentPages {

    @Serdeable
    record MetaForm(@Nullable String name, @Nullable String description, @Nullable String lockVersion) {
    }

    @Serdeable
    record QuestionForm(@Nullable String section, @Nullable String id, @Nullable String text, @Nullable String help,
                        @Nullable String type, @Nullable String required, @Nullable String scale,
                        @Nullable String lockVersion) {
    }

    @Serdeable
    record VersionForm(@Nullable String lockVersion) {
    }

    private final Instruments instruments;

    InstrumentPages(Instruments instruments) {
        this.instruments = instruments;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth) {
        Caller caller = Caller.of(auth);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Instrumenter");
        model.put("instruments", instruments.list(caller));
        model.put("canEdit", caller.hasAnyRole(Instruments.EDITORS));
        return new ModelAndView<>("assessment/instruments", model);
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> detail(@PathVariable UUID id, @Nullable @QueryValue String edit,
                                             Authentication auth) {
        return detail(Caller.of(auth), id, edit, null);
    }

    @Post("/{id}/copy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> copy(@PathVariable UUID id, Authentication auth) {
        Instruments.Instrument copy = instruments.copy(Caller.of(auth), id);
        return HttpResponse.seeOther(URI.create("/assessment/instruments/" + copy.id()));
    }

    @Post("/{id}/meta")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> meta(@PathVariable UUID id, @Body MetaForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return change(caller, id, null, () -> {
            Instruments.Instrument i = instruments.get(caller, id);
            instruments.update(caller, id, lock(f.lockVersion()), f.name(), f.description(), i.definition());
        });
    }

    @Post("/{id}/questions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> putQuestion(@PathVariable UUID id, @Body QuestionForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return change(caller, id, f.id(), () -> {
            Instruments.Instrument i = instruments.get(caller, id);
            if (Forms.blank(f.section())) {
                throw ProblemException.invalid("section", "Angiv afsnittet (et nyt navn opretter et nyt afsnit).");
            }
            String type = f.type() == null ? "" : f.type();
            List<String> scale = QuestionType.ORDINAL.code.equals(type) && f.scale() != null
                    ? Arrays.stream(f.scale().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : null;
            Definition.Question q = new Definition.Question(f.id() == null ? "" : f.id().strip(),
                    f.text() == null ? "" : f.text().strip(), Forms.blank(f.help()) ? null : f.help().strip(), type, f.required() != null, scale);
            instruments.update(caller, id, lock(f.lockVersion()), i.name(), i.description(),
                    i.definition().withQuestion(f.section().strip(), q));
        });
    }

    @Post("/{id}/questions/{questionId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> deleteQuestion(@PathVariable UUID id, @PathVariable String questionId, @Body VersionForm f,
                                   Authentication auth) {
        Caller caller = Caller.of(auth);
        return change(caller, id, null, () -> {
            Instruments.Instrument i = instruments.get(caller, id);
            instruments.update(caller, id, lock(f.lockVersion()), i.name(), i.description(),
                    i.definition().withoutQuestion(questionId));
        });
    }

    @Post("/{id}/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> publish(@PathVariable UUID id, @Body VersionForm f, Authentication auth) {
        Caller caller = Caller.of(auth);
        return change(caller, id, null, () -> instruments.publish(caller, id, lock(f.lockVersion())));
    }

    /** Runs a change; on a clear error shows the page again with the message (nothing lost but the change). */
    private HttpResponse<?> change(Caller caller, UUID id, @Nullable String edit, Runnable work) {
        try {
            work.run();
            return HttpResponse.seeOther(URI.create("/assessment/instruments/" + id));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return HttpResponse.status(e.status()).body(Forms.refused(detail(caller, id, edit, e.getMessage()), e));
        }
    }

    private static long lock(@Nullable String value) {
        Long v = Forms.wholeNumber("lockVersion", value);
        if (v == null) {
            throw ProblemException.invalid("lockVersion", "Siden mangler versionsnummeret; hent den igen.");
        }
        return v;
    }

    private ModelAndView<Map<String, Object>> detail(Caller caller, UUID id, @Nullable String edit,
                                                     @Nullable String error) {
        Instruments.Instrument i = instruments.get(caller, id);
        Map<String, Object> model = new HashMap<>();
        model.put("title", i.name() + " v" + i.version());
        model.put("i", i);
        model.put("error", error);
        model.put("canEdit", caller.hasAnyRole(Instruments.EDITORS) && !i.published());
        model.put("canCopy", caller.hasAnyRole(Instruments.EDITORS) && i.published());
        Map<String, String> types = new LinkedHashMap<>();
        Arrays.stream(QuestionType.values()).forEach(t -> types.put(t.code, t.label));
        model.put("types", types);
        Definition.Question editing = edit == null ? null : i.definition().question(edit).orElse(null);
        model.put("editing", editing);
        model.put("editingSection", editing == null ? "" : i.definition().sectionOf(edit).orElse(""));
        model.put("editingScale", editing == null ? "" : String.join("\n", editing.steps()));
        return new ModelAndView<>("assessment/instrument", model);
    }
}
