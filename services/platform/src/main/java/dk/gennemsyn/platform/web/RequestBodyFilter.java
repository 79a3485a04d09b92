package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.problem.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;


/**
 * Bounds every request body by its kind (docs/security.md, "Limits"): uploads (multipart)
 * {@code gennemsyn.limits.upload}, forms and JSON {@code gennemsyn.limits.text}. A body announcing more gets 413
 * problem+json naming the limit, before it is read. A body over {@code micronaut.server.max-request-size} (the
 * largest kind; it also bounds chunked bodies) is refused by the server itself, also as 413 problem+json
 * ({@code ProblemErrorResponseProcessor}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestBodyFilter implements Ordered {

    private final long uploadLimit;
    private final long textLimit;

    RequestBodyFilter(@Value("${gennemsyn.limits.upload:20MB}") @ReadableBytes long uploadLimit,
                      @Value("${gennemsyn.limits.text:1MB}") @ReadableBytes long textLimit) {
        this.uploadLimit = uploadLimit;
        this.textLimit = textLimit;
    }

    /** Right after the correlation id, before authentication: a refused body costs nothing. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            return null;
        }
        MediaType type = request.getContentType().orElse(null);
        boolean upload = type != null && type.getName().equals(MediaType.MULTIPART_FORM_DATA);
        long limit = upload ? uploadLimit : textLimit;
        long length = request.getContentLength();
        if (length > limit) {
            return Problems.response(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large",
                    (upload ? "Filen" : "Forespørgslen") + " er større end grænsen på " + Problems.size(limit) + " ("
                            + (upload ? "upload" : "formularer og JSON") + "). Intet er gemt.", null);
        }
        return null;
    }
}
