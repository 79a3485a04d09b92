package dk.gennemsyn.platform.events;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;

/**
 * Spans for the hops Micronaut does not see: the relay's publish of an outbox row and the consumer's handling of an
 * event. Their parent is the W3C trace context the event carries (written with the outbox row, sent as the
 * {@code traceparent} message header), so one trace runs from the HTTP request through the publish into the
 * consumer of the next service, and on into the events that consumer writes.
 */
@Singleton
public class Traces {

    private final Tracer tracer;

    public Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dk.gennemsyn.events");
    }

    /** A started span continuing {@code parentTraceparent} (a new trace when it is missing or malformed). */
    public Span start(String name, SpanKind kind, String parentTraceparent) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind).setAttribute("messaging.system", "rabbitmq");
        SpanContext parent = parse(parentTraceparent);
        if (parent != null) {
            builder.setParent(Context.root().with(Span.wrap(parent)));
        } else {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    /** A started child of the current span (a new trace when there is none), e.g. a database transaction. */
    public Span child(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).startSpan();
    }

    /** The span's W3C trace context; {@code fallback} when tracing is off (an invalid, no-op span). */
    public static String traceparent(Span span, String fallback) {
        SpanContext c = span.getSpanContext();
        if (!c.isValid()) {
            return fallback;
        }
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    static SpanContext parse(String traceparent) {
        if (!Correlation.isValidTraceparent(traceparent)) {
            return null;
        }
        SpanContext c = SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
        return c.isValid() ? c : null;
    }
}
