package dk.gennemsyn.platform.problem;

import dk.gennemsyn.platform.db.DatabaseUnavailable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Any failure no other handler claims. If the database is unavailable (restarting, unreachable, no connection
 * free in time) the request is answered 503 with Retry-After: nothing was changed, and the same request will work
 * once the database is back. A browser gets it as a Danish page (ProblemPageFilter). A unique key or a
 * deadlock lost to a concurrent writer is a 409; text PostgreSQL cannot store (a NUL byte) a 400. Anything else is a 500, logged with its stack and answered without
 * internals.
 */
@Singleton
public class UnexpectedFailureHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailureHandler.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException e) {
        if (DatabaseUnavailable.is(e)) {
            LOG.warn("Database unavailable, answering 503 on {} {}: {}", request.getMethod(), request.getPath(), e.toString());
            return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                            "Databasen er midlertidigt utilgængelig. Intet er gemt; prøv igen om lidt.", null)
                    .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        if (sqlState(e, Set.of("22021", "22P05"))) {
            // A NUL byte or a character the database encoding cannot hold, found when the text reached PostgreSQL.
            return Problems.response(request, HttpStatus.BAD_REQUEST, "invalid-text",
                    "Teksten indeholder et tegn, der ikke kan gemmes (fx et kontroltegn). Fjern det, og prøv igen.", null);
        }
        if (sqlState(e, Set.of("23505", "40001", "40P01"))) {
            // A unique key taken, or a deadlock, by a writer at the same moment: nothing was saved.
            LOG.info("Concurrent change on {} {}: {}", request.getMethod(), request.getPath(), e.toString());
            return Problems.response(request, HttpStatus.CONFLICT, "conflict",
                    "En anden gemte noget tilsvarende samtidig. Intet er gemt; hent siden igen, og gentag din ændring.",
                    null);
        }
        LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), e);
        return Problems.response(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal", null, null);
    }

    /** Whether an SQLException in the cause chain has one of these states (23505 unique_violation, 40001
     * serialization_failure, 40P01 deadlock_detected: a concurrent change; 22021/22P05: text PostgreSQL cannot hold). */
    private static boolean sqlState(Throwable e, Set<String> states) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && states.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
