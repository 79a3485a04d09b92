package dk.gennemsyn.platform.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Headers on every response. Case data must not stay in a browser's or proxy's cache (a shared computer at the
 * municipality), pages may not be framed, and scripts come only from the service itself.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /** Before the security filter, so refused requests (401/403) get the headers too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        // No URL (they hold case ids) leaves for another site. Not no-referrer: with it, browsers send
        // "Origin: null" on our own form posts, which the server rightly refuses.
        response.header("Referrer-Policy", "same-origin");
        response.header("Content-Security-Policy", CSP);
        String path = request.getPath();
        // Static assets (CSS, Swagger UI's scripts) may be cached; everything else may hold case data.
        if (!path.contains("/static/") && !path.contains("/swagger-ui/")) {
            response.header("Cache-Control", "no-store");
        }
    }
}
