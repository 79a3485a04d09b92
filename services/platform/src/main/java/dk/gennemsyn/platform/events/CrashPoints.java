package dk.gennemsyn.platform.events;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named moments where a crash is the hardest to recover from, so the fault suite ({@code ./dev.sh faults}) can
 * stop the process at exactly that moment, as {@code kill -9} would: {@code gennemsyn.crash-point=NAME:N} halts
 * the JVM the N-th time NAME is reached. Inert unless set, and refused in production.
 * <ul>
 *   <li>{@value #RELAY_BEFORE_PUBLISH}: outbox rows committed and locked by the relay, nothing published;</li>
 *   <li>{@value #RELAY_AFTER_CONFIRM}: the broker confirmed them, the rows not yet deleted (so they are published
 *       again: consumers get duplicates);</li>
 *   <li>{@value #CONSUMER_AFTER_COMMIT}: a batch's handling committed, its deliveries not yet acked (so they are
 *       delivered again).</li>
 * </ul>
 */
@Singleton
public class CrashPoints {

    public static final String RELAY_BEFORE_PUBLISH = "relay.before-publish";
    public static final String RELAY_AFTER_CONFIRM = "relay.after-confirm";
    public static final String CONSUMER_AFTER_COMMIT = "consumer.after-commit";

    private static final Logger LOG = LoggerFactory.getLogger(CrashPoints.class);

    private final String point;
    private final AtomicInteger left;

    public CrashPoints(@Value("${gennemsyn.crash-point:}") String setting, Environment environment) {
        if (setting.isBlank()) {
            point = null;
            left = null;
            return;
        }
        if (environment.getActiveNames().contains("prod")) {
            throw new IllegalStateException("gennemsyn.crash-point is for the fault suite; it cannot be set in production");
        }
        String[] parts = setting.split(":", 2);
        point = parts[0];
        left = new AtomicInteger(parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        LOG.warn("Crash point armed: the process halts at {} (time {})", point, left.get());
    }

    /** Halts the JVM (no shutdown hooks, like kill -9) if this is the armed point's N-th time. */
    public void reached(String name) {
        if (point != null && point.equals(name) && left.decrementAndGet() == 0) {
            LOG.warn("Crash point {} reached: halting", name);
            Runtime.getRuntime().halt(137);
        }
    }
}
