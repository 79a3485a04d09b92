package dk.gennemsyn.platform.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Every error Micronaut itself produces (no route, wrong method, unreadable body, bad parameter,
 * refused token) becomes problem+json with a Danish title; the technical message stays in the log.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private final String tooLarge;

    ProblemErrorResponseProcessor(
            @io.micronaut.context.annotation.Value("${micronaut.server.max-request-size:10MB}")
            @io.micronaut.core.convert.format.ReadableBytes long maxRequestSize) {
        // The server refuses a body over its limit before any filter sees it (RequestBodyFilter has the finer ones).
        this.tooLarge = "Forespørgslen er større end grænsen på " + Problems.size(maxRequestSize) + ". Intet er gemt.";
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        // Netty refuses an over-long request line or header block before routing; Micronaut calls both 413.
        Throwable cause = context.getRequest() instanceof io.micronaut.http.server.netty.NettyHttpRequest<?> netty
                ? netty.getNativeRequest().decoderResult().cause() : null;
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            status = HttpStatus.REQUEST_URI_TOO_LONG;
        } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        response.status(status);
        String field = context.getErrors().stream().map(Error::getPath).flatMap(java.util.Optional::stream)
                .findFirst().orElse(null);
        String detail = status.getCode() == 413 ? tooLarge
                : status.getCode() < 500 && status.getCode() != 401 && status.getCode() != 403 ? danishDetail(status, field) : null;
        Problem problem = Problem.of(status, Problems.slug(status), Problems.title(status), detail, field,
                context.getRequest().getPath());
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static String danishDetail(HttpStatus status, String field) {
        return switch (status.getCode()) {
            case 400 -> field != null ? "Feltet '" + field + "' har en ugyldig værdi." : "Forespørgslen kunne ikke læses.";
            case 404 -> "Siden eller ressourcen findes ikke.";
            case 405 -> "Handlingen er ikke tilladt her.";
            case 414 -> "Adressen (URL'en) er for lang. Send lange værdier i forespørgslens indhold.";
            case 431 -> "Forespørgslens headere er for store.";
            case 415 -> "Indholdstypen understøttes ikke.";
            default -> null;
        };
    }
}
