package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.events.Correlation;
import dk.gennemsyn.platform.events.Traces;
import io.opentelemetry.api.trace.Span;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;

import java.util.Map;
import java.util.UUID;

/**
 * Gives every request a correlation id and W3C trace context (continuing the caller's if sent), puts
 * them in the MDC for the JSON logs, and hands them to the outbox so events carry them to consumers.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CorrelationFilter implements Ordered {

    public static final String HEADER = "X-Correlation-Id";

    @RequestFilter
    public void onRequest(HttpRequest<?> request, MutablePropagatedContext context) {
        String correlationId = request.getHeaders().get(HEADER);
        if (correlationId == null || !correlationId.matches("[A-Za-z0-9-]{8,64}")) {
            correlationId = UUID.randomUUID().toString();
        }
        // The server span OpenTelemetry opened for this request (it continues the caller's traceparent), so logs,
        // events and the exported trace share one trace id; without tracing, a child of the caller's context.
        String traceparent = Traces.traceparent(Span.current(),
                Correlation.childOf(request.getHeaders().get(Correlation.TRACEPARENT)));
        request.setAttribute(Correlation.CORRELATION_ID, correlationId);
        context.add(new MdcPropagationContext(Map.of(
                Correlation.CORRELATION_ID, correlationId,
                Correlation.TRACEPARENT, traceparent,
                Correlation.TRACE_ID, Correlation.traceId(traceparent))));
    }

    @ResponseFilter
    public void onResponse(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(Correlation.CORRELATION_ID, String.class)
                .ifPresent(id -> response.header(HEADER, id));
    }

    @Override
    public int getOrder() {
        // After the tracing filter, which opens the request's server span.
        return ServerFilterPhase.TRACING.after();
    }
}
