package dk.gennemsyn.platform.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/** Thrown by application code to answer with a problem+json; the message is Danish and shown to users. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String field;

    public ProblemException(HttpStatus status, String slug, String danishMessage, @Nullable String field) {
        super(danishMessage);
        this.status = status;
        this.slug = slug;
        this.field = field;
    }

    public static ProblemException invalid(String field, String danishMessage) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", danishMessage, field);
    }

    /** The field holds what looks like a CPR number: the same message as {@code @NoCpr}, never echoing it. */
    public static ProblemException cpr(String field) {
        return invalid(field, DanishMessages.noCpr(field));
    }

    public static ProblemException notFound(String danishMessage) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", danishMessage, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    @Nullable
    public String field() {
        return field;
    }
}
