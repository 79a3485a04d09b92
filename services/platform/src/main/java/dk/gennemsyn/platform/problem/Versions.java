package dk.gennemsyn.platform.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

/**
 * Optimistic concurrency over HTTP: a resource's version travels as a strong ETag ({@code "v7"}); an update
 * must send it back in If-Match. A stale one gets 412, a missing one 428: never a silent overwrite.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"v" + version + "\"";
    }

    /** The version the client last saw; fails with 428 or 412 problems as needed. */
    public static long requireIfMatch(HttpRequest<?> request, long current) {
        String ifMatch = request.getHeaders().get(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
                    "Send If-Match med den version (ETag), du har hentet, så ingen ændring overskrives.", null);
        }
        if (!ifMatch.trim().equals(etag(current))) {
            throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                    "Data er ændret af en anden, siden du hentede dem. Hent dem igen, og gentag din ændring.", null);
        }
        return current;
    }

    /** The version named by If-Match ({@code "v7"}), for updates that compare it in their own statement. */
    public static long ifMatchVersion(HttpRequest<?> request) {
        String v = request.getHeaders().get(HttpHeaders.IF_MATCH);
        if (v == null || v.isBlank()) {
            requireIfMatch(request, -1); // 428
        }
        String t = v.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (!t.matches("\"v\\d{1,18}\"")) {
            throw ProblemException.invalid("If-Match", "If-Match skal være den ETag, du fik (fx \"v3\").");
        }
        return Long.parseLong(t.substring(2, t.length() - 1));
    }
}
