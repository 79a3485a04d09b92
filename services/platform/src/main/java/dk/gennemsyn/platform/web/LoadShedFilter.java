package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sheds load instead of queueing it without bound (issue 18). While {@code gennemsyn.limits.in-flight} requests are
 * being handled by this instance, a new one is answered at once with 503 and {@code Retry-After: 1} (problem+json, or
 * the Danish page), before it takes a thread, a database connection or heap. Nothing was changed, so the same request
 * can simply be sent again. Without a bound, an overloaded service gave every waiting request its own thread until its
 * memory and the clients' time-outs ran out: case-intake grew to 451 MiB RSS at 300 requests/s.
 * Health and metrics are never shed: a busy instance is alive, and its figures matter most then.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class LoadShedFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(LoadShedFilter.class);
    private static final String COUNTED = LoadShedFilter.class.getName() + ".counted";
    static final String RETRY_AFTER_SECONDS = "1";

    private final int limit;
    /** Health and metrics, below the service's context path as the chart's probes ask for them ("/intake/health/..."). */
    private final String health;
    private final String metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;
    private volatile long lastLogged;

    LoadShedFilter(@Value("${gennemsyn.limits.in-flight:100}") int limit,
                   @Value("${micronaut.server.context-path:}") String contextPath, MeterRegistry metrics) {
        if (limit < 1) {
            throw new IllegalArgumentException("gennemsyn.limits.in-flight must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.health = contextPath + "/health";
        this.metrics = contextPath + "/prometheus";
        this.shed = Counter.builder("gennemsyn.http.shed")
                .description("Requests answered 503 at once because the instance had gennemsyn.limits.in-flight in hand")
                .register(metrics);
        Gauge.builder("gennemsyn.http.in.flight", inFlight, AtomicInteger::get)
                .description("Requests this instance is handling now").register(metrics);
    }

    /** Inside the problem page (so a browser gets the Danish page), before everything that costs something. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order() + 2;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> admit(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith(health) || path.startsWith(metrics)) {
            return null;
        }
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            shed.increment();
            long now = System.currentTimeMillis();
            if (now - lastLogged > 10_000) { // once per 10 s: an overload must not also flood the log
                lastLogged = now;
                LOG.warn("Overloaded: {} requests in hand, answering 503 (gennemsyn.limits.in-flight); {} shed so far",
                        limit, (long) shed.count());
            }
            return Problems.response(request, HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                            "Gennemsyn har travlt lige nu. Intet er gemt; prøv igen om et øjeblik.", null)
                    .header("Retry-After", RETRY_AFTER_SECONDS);
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        return null;
    }

    /** Every answer passes here, errors and refusals of later filters included; only an admitted request counts down. */
    @ResponseFilter
    public void release(HttpRequest<?> request) {
        if (request.removeAttribute(COUNTED, Boolean.class).isPresent()) {
            inFlight.decrementAndGet();
        }
    }

    /** Requests admitted and not yet answered. */
    int inFlight() {
        return inFlight.get();
    }
}
