package dk.gennemsyn.platform.events;

import io.opentelemetry.api.trace.Span;
import org.slf4j.MDC;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The logging and tracing context of the work at hand (an HTTP request or a consumed event), kept in
 * the MDC so that JSON logs carry it and the outbox copies it into every event written meanwhile.
 */
public final class Correlation {

    public static final String CORRELATION_ID = "correlation_id";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACE_ID = "trace_id";
    public static final String TENANT = "tenant";

    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final HexFormat HEX = HexFormat.of();

    private Correlation() {
    }

    public static String correlationId() {
        String id = MDC.get(CORRELATION_ID);
        return id != null ? id : UUID.randomUUID().toString();
    }

    /**
     * The work, to run on another thread in this context: a background job started by a request (an import) logs
     * under the request's correlation, and its events carry it, so a consumer can take them as one run.
     */
    public static Runnable carried(Runnable work) {
        java.util.Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                work.run();
            } finally {
                MDC.clear();
            }
        };
    }

    /**
     * The trace context of the work at hand: an inner span's ({@link #within}, the database transaction), else the MDC's
     * (the request's server span, or the consumer's span), else the current span's, else a new one.
     */
    public static String traceparent() {
        String inner = INNER_SPAN.get();
        if (inner != null) {
            return inner;
        }
        String tp = MDC.get(TRACEPARENT);
        return tp != null ? tp : Traces.traceparent(Span.current(), newTraceparent());
    }

    /**
     * Runs {@code work} with {@code traceparent} (a span opened for it, e.g. a database transaction) as the context that
     * events written meanwhile carry. A plain thread-local: Micronaut's transaction scope re-applies the request's
     * propagated MDC and span, which would hide an inner span from {@link #traceparent()}.
     */
    public static <T> T within(String traceparent, java.util.function.Supplier<T> work) {
        String outer = INNER_SPAN.get();
        INNER_SPAN.set(traceparent);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                INNER_SPAN.remove();
            } else {
                INNER_SPAN.set(outer);
            }
        }
    }

    private static final ThreadLocal<String> INNER_SPAN = new ThreadLocal<>();

    /** A new W3C trace context: version 00, random trace and span ids, sampled. */
    public static String newTraceparent() {
        return "00-" + hex(16) + "-" + hex(8) + "-01";
    }

    /** The same trace with a new span id: what a hop (an HTTP call or a consumed event) continues with. */
    public static String childOf(String traceparent) {
        if (!isValidTraceparent(traceparent)) {
            return newTraceparent();
        }
        return traceparent.substring(0, 36) + hex(8) + "-01";
    }

    public static boolean isValidTraceparent(String tp) {
        return tp != null && TRACEPARENT_FORMAT.matcher(tp).matches();
    }

    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /**
     * Random ids need to be unique, not secret (OpenTelemetry's own generator uses ThreadLocalRandom too): this is
     * called for every event, and SecureRandom serialises its callers on one lock and a read of /dev/urandom.
     */
    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HEX.formatHex(b);
    }
}
