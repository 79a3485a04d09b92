package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.problem.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a state-changing request that a browser sends with the sign-in cookie from another site (CSRF). The
 * SameSite=Lax cookie already stops most of them; this also covers a same-site attacker (another host of the
 * municipality's domain) and browsers that ignore SameSite. A browser says where a request comes from in
 * {@code Sec-Fetch-Site}, or failing that in {@code Origin} (or {@code Referer}); all five services share one
 * origin, so only "same-origin" is accepted. A request with a bearer token, or without the cookie, is not a
 * browser acting on a user's session and is left to the security filter.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CrossSiteRequestFilter implements Ordered {

    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final String cookieName;

    CrossSiteRequestFilter(@Value("${micronaut.security.token.cookie.cookie-name}") String cookieName) {
        this.cookieName = cookieName;
    }

    /** After the correlation id (so the refusal is traceable), before authentication. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod()) || request.getCookies().get(cookieName) == null
                || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return null;
        }
        return sameOrigin(request) ? null : Problems.response(request, HttpStatus.FORBIDDEN, "cross-site-request",
                "Handlingen blev afvist, fordi den ikke kom fra Gennemsyns egne sider. Åbn siden igen og prøv en gang til.",
                null);
    }

    static boolean sameOrigin(HttpRequest<?> request) {
        HttpHeaders h = request.getHeaders();
        String fetchSite = h.get("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equalsIgnoreCase("same-origin");
        }
        String host = h.get("X-Forwarded-Host") != null ? h.get("X-Forwarded-Host") : h.get(HttpHeaders.HOST);
        String from = h.get(HttpHeaders.ORIGIN) != null ? h.get(HttpHeaders.ORIGIN) : h.get(HttpHeaders.REFERER);
        if (host == null || from == null || from.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(from);
            String authority = uri.getRawAuthority();
            return authority != null && authority.toLowerCase(Locale.ROOT).equals(host.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
