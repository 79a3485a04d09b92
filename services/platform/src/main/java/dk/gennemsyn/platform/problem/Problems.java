package dk.gennemsyn.platform.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.Map;

/** Builds problem+json responses with Danish titles per status. */
public final class Problems {

    static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Ugyldigt input"),
            Map.entry(401, "Du er ikke logget ind"),
            Map.entry(403, "Du har ikke adgang"),
            Map.entry(404, "Findes ikke"),
            Map.entry(405, "Metoden er ikke tilladt"),
            Map.entry(406, "Formatet kan ikke leveres"),
            Map.entry(409, "Konflikt"),
            Map.entry(412, "Data er ændret af en anden"),
            Map.entry(413, "For stor forespørgsel"),
            Map.entry(414, "Adressen er for lang"),
            Map.entry(415, "Formatet understøttes ikke"),
            Map.entry(428, "Versionen mangler"),
            Map.entry(431, "For store headere"),
            Map.entry(422, "Kan ikke behandles"),
            Map.entry(500, "Der skete en fejl hos os"),
            Map.entry(503, "Tjenesten er midlertidigt utilgængelig"));

    static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad-request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"), Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"), Map.entry(412, "precondition-failed"), Map.entry(413, "too-large"),
            Map.entry(414, "uri-too-long"), Map.entry(431, "headers-too-large"),
            Map.entry(415, "unsupported-media-type"), Map.entry(422, "unprocessable"),
            Map.entry(428, "precondition-required"),
            Map.entry(500, "internal"), Map.entry(503, "unavailable"));

    private Problems() {
    }

    public static String title(HttpStatus status) {
        return TITLES.getOrDefault(status.getCode(), status.getReason());
    }

    public static String slug(HttpStatus status) {
        return SLUGS.getOrDefault(status.getCode(), "http-" + status.getCode());
    }

    /** A size limit as the problems say it: "1 MB", "512 kB". */
    public static String size(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes >= 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024))
                : bytes / 1024 + " kB";
    }

    public static MutableHttpResponse<Problem> response(HttpRequest<?> request, HttpStatus status, String slug,
                                                        String detail, String field) {
        Problem p = Problem.of(status, slug, title(status), detail, field, request == null ? null : request.getPath());
        return HttpResponse.<Problem>status(status).body(p).contentType(Problem.MEDIA_TYPE);
    }
}
