package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.platform.problem.ProblemException;
import io.micronaut.http.multipart.StreamingFileUpload;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Streams an uploaded file to disk (never into memory) and hands it to the import. */
final class Uploads {

    private Uploads() {
    }

    static Path receive(Imports imports, StreamingFileUpload upload) {
        if (upload == null) {
            throw ProblemException.invalid("file", "Vælg en fil at importere.");
        }
        try {
            Path target = imports.newUploadFile();
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            upload.transferTo(target.toFile()).subscribe(new Subscriber<>() {
                @Override
                public void onSubscribe(Subscription s) {
                    s.request(1);
                }

                @Override
                public void onNext(Boolean ok) {
                    done.complete(ok);
                }

                @Override
                public void onError(Throwable t) {
                    done.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    done.complete(true);
                }
            });
            if (!done.get(10, TimeUnit.MINUTES)) {
                Files.deleteIfExists(target);
                throw ProblemException.invalid("file", "Filen kunne ikke modtages. Prøv igen.");
            }
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException | java.io.IOException e) {
            throw ProblemException.invalid("file", "Filen kunne ikke modtages (for stor, eller forbindelsen blev afbrudt).");
        }
    }
}
