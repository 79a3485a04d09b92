package dk.gennemsyn.platform.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;

/** Exception handlers that answer in problem+json. */
public final class ProblemHandlers {

    private ProblemHandlers() {
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    static class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
            return Problems.response(request, e.status(), e.slug(), e.getMessage(), e.field());
        }
    }

    /** Bean validation: the first violation, with a Danish message and its field. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(ConstraintExceptionHandler.class)
    static class ValidationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException e) {
            ConstraintViolation<?> v = e.getConstraintViolations().stream()
                    .min(Comparator.comparing(c -> c.getPropertyPath().toString())).orElse(null);
            if (v == null) {
                return Problems.response(request, HttpStatus.BAD_REQUEST, "validation", "Ugyldigt input.", null);
            }
            String field = leaf(v.getPropertyPath());
            return Problems.response(request, HttpStatus.BAD_REQUEST, "validation",
                    DanishMessages.of(v, field), field);
        }

        private static String leaf(Path path) {
            String last = null;
            for (Path.Node n : path) {
                last = n.getName();
            }
            return last;
        }
    }

    /** Two writers raced on the same row version: the later one is refused, not applied. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    static class OptimisticLockHandler implements ExceptionHandler<OptimisticLockException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, OptimisticLockException e) {
            return Problems.response(request, HttpStatus.CONFLICT, "conflict",
                    "Data er ændret af en anden samtidig. Hent dem igen, og gentag din ændring.", null);
        }
    }

    /** A value of the wrong type (e.g. letters for a number). */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(ConversionErrorHandler.class)
    static class ConversionHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConversionErrorException e) {
            if (e.getArgument().getAnnotationMetadata().hasAnnotation(io.micronaut.http.annotation.Body.class)) {
                return Problems.response(request, HttpStatus.BAD_REQUEST, "bad-request",
                        "Forespørgslens indhold kunne ikke læses. Kontrollér formatet.", null);
            }
            String field = e.getArgument().getName();
            return Problems.response(request, HttpStatus.BAD_REQUEST, "validation",
                    "Feltet '" + field + "' har en ugyldig værdi.", field);
        }
    }

    /** Anything unexpected: logged with its stack, answered without internals. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    static class FallbackHandler implements ExceptionHandler<IllegalArgumentException, HttpResponse<Problem>> {
        private static final Logger LOG = LoggerFactory.getLogger(FallbackHandler.class);

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, IllegalArgumentException e) {
            LOG.info("Bad input on {}: {}", request.getPath(), e.getMessage());
            return Problems.response(request, HttpStatus.BAD_REQUEST, "bad-request", "Ugyldigt input.", null);
        }
    }
}
