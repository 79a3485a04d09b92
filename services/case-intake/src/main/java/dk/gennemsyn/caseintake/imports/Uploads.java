package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.platform.problem.ProblemException;
import io.micronaut.http.multipart.CompletedFileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hands an uploaded file to the import. Multipart parts are kept on disk by the server
 * ({@code micronaut.server.multipart.disk}, in the uploads volume) and copied as a stream to the import's work
 * directory on the same volume: a file is never held in memory, and the volume holds it at most twice.
 */
final class Uploads {

    private Uploads() {
    }

    static Path receive(Imports imports, CompletedFileUpload upload) {
        if (upload == null || upload.getFilename() == null || upload.getFilename().isBlank()) {
            throw ProblemException.invalid("file", "Vælg en fil at importere.");
        }
        try (InputStream in = upload.getInputStream()) {
            Path target = imports.newUploadFile();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw ProblemException.invalid("file", "Filen kunne ikke modtages (for stor, eller forbindelsen blev afbrudt).");
        }
    }
}
