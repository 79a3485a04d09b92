package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Imports of case-system extracts (docs/import-format.md). Starting one answers 202 at once; the job's progress
 * and its report are at /api/imports/{id}.
 */
@Controller("/api/imports")
@Secured({Roles.PROJEKTLEDER, Roles.TENANT_ADMIN})
class ImportApi {

    private final Imports imports;

    ImportApi(Imports imports) {
        this.imports = imports;
    }

    /** multipart/form-data: {@code file} (CSV, UTF-8) and optionally {@code allOrNothing=false}. */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @ApiResponse(responseCode = "202", description = "Importen er startet; følg den på Location")
    HttpResponse<Imports.Job> start(@Part("file") CompletedFileUpload file,
                                    @Nullable @Part("allOrNothing") String allOrNothing, Authentication auth)
            throws IOException {
        Imports.Job job = imports.start(Caller.of(auth), Uploads.receive(imports, file), file.getFilename(),
                !"false".equalsIgnoreCase(allOrNothing == null ? "" : allOrNothing.trim()));
        return HttpResponse.accepted(URI.create("/intake/api/imports/" + job.id())).body(job);
    }

    @Get("/{id}")
    Imports.Job job(@PathVariable UUID id, Authentication auth) {
        return imports.job(Caller.of(auth), id);
    }

    @Get
    List<Imports.Job> jobs(Authentication auth) {
        return imports.jobs(Caller.of(auth));
    }
}
