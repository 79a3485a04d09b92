package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.reviews.Membership;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.web.Forms;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Import pages: upload, a job's progress (the page polls the API) and its report. */
@io.swagger.v3.oas.annotations.Hidden
@Controller("/imports")
@Secured({dk.gennemsyn.platform.security.Roles.PROJEKTLEDER, dk.gennemsyn.platform.security.Roles.TENANT_ADMIN})
@Produces(MediaType.TEXT_HTML)
class ImportPages {

    private final Imports imports;

    ImportPages(Imports imports) {
        this.imports = imports;
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication auth) {
        return list(Caller.of(auth), null);
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> upload(@Part("file") CompletedFileUpload file, @Nullable @Part("partial") String partial,
                           Authentication auth) throws IOException {
        Caller caller = Caller.of(auth);
        try {
            var job = imports.start(caller, Uploads.receive(imports, file), file.getFilename(), !"on".equals(partial));
            return HttpResponse.seeOther(URI.create("/intake/imports/" + job.id()));
        } catch (ProblemException e) {
            return HttpResponse.status(e.status()).body(Forms.refused(list(caller, e.getMessage()), e));
        }
    }

    /** The file format in Danish, for whoever makes the extract (docs/import-format.md is the same for developers). */
    @Get("/format")
    ModelAndView<Map<String, Object>> format() {
        return new ModelAndView<>("intake/import-format", Map.of("title", "Importformatet",
                "caseTypes", dk.gennemsyn.caseintake.cases.CaseType.labels(),
                "kinds", dk.gennemsyn.caseintake.cases.TimelineKind.labels()));
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> job(@PathVariable UUID id, Authentication auth) {
        Map<String, Object> model = new HashMap<>();
        Imports.Job job = imports.job(Caller.of(auth), id);
        model.put("title", "Import af " + job.fileName());
        model.put("job", job);
        return new ModelAndView<>("intake/import", model);
    }

    private ModelAndView<Map<String, Object>> list(Caller caller, @Nullable String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Import fra sagssystem");
        model.put("jobs", imports.jobs(caller));
        model.put("error", error);
        model.put("staff", Membership.isStaff(caller));
        return new ModelAndView<>("intake/imports", model);
    }
}
