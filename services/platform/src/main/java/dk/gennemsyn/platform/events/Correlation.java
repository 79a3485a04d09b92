package dk.gennemsyn.platform.events;

import org.slf4j.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The logging and tracing context of the work at hand (an HTTP request or a consumed event), kept in
 * the MDC so that JSON logs carry it and the outbox copies it into every event written meanwhile.
 */
public final class Correlation {

    public static final String CORRELATION_ID = "correlation_id";
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACE_ID = "trace_id";
    public static final String TENANT = "tenant";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Correlation() {
    }

    public static String correlationId() {
        String id = MDC.get(CORRELATION_ID);
        return id != null ? id : UUID.randomUUID().toString();
    }

    public static String traceparent() {
        String tp = MDC.get(TRACEPARENT);
        return tp != null ? tp : newTraceparent();
    }

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
        return tp != null && tp.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    }

    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
