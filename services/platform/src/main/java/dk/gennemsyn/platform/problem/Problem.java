package dk.gennemsyn.platform.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem: a stable {@code type}, a Danish {@code title} and {@code detail} for people, and
 * for validation errors the offending {@code field}.
 */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String field,
                      @Nullable String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:gennemsyn:problem:";

    public static Problem of(HttpStatus status, String slug, String title, @Nullable String detail,
                             @Nullable String field, @Nullable String instance) {
        return new Problem(TYPE_PREFIX + slug, title, status.getCode(), detail, field, instance);
    }
}
