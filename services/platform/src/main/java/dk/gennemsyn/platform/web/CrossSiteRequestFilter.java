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
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a state-changing request that a browser sends with the sign-in cookie from another site (CSRF). The
 * SameSite=Lax cookie already stops most of them; this also covers a same-site attacker (another host of the
 * municipality's domain) and browsers that ignore SameSite. A browser says where a request comes from in
 * {@code Sec-Fetch-Site}, or failing that in {@code Origin} (or {@code Referer}); all five services share one
 * origin, so only "same-origin" is accepted, and an Origin must be the configured public origin
 * ({@code gennemsyn.public-url}, scheme, host and port): Host and X-Forwarded-Host come from the client and
 * prove nothing. A request with a bearer token, or without the cookie, is not a browser acting on a user's
 * session and is left to the security filter.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CrossSiteRequestFilter implements Ordered {

    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private final String cookieName;
    private final Set<String> origins;

    CrossSiteRequestFilter(@Value("${micronaut.security.token.cookie.cookie-name}") String cookieName,
                           @Value("${gennemsyn.public-url}") String publicUrl,
                           @Value("${gennemsyn.security.extra-origins:}") List<String> extraOrigins) {
        this.cookieName = cookieName;
        Set<String> all = new java.util.HashSet<>();
        for (String o : java.util.stream.Stream.concat(java.util.stream.Stream.of(publicUrl), extraOrigins.stream())
                .filter(o -> !o.isBlank()).toList()) {
            String normalised = origin(o);
            if (normalised == null) {
                throw new IllegalStateException("Not an origin (scheme://host[:port]): " + o);
            }
            all.add(normalised);
        }
        this.origins = Set.copyOf(all);
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
        return sameOrigin(request, origins) ? null : Problems.response(request, HttpStatus.FORBIDDEN, "cross-site-request",
                "Handlingen blev afvist, fordi den ikke kom fra Gennemsyns egne sider. Åbn siden igen og prøv en gang til.",
                null);
    }

    static boolean sameOrigin(HttpRequest<?> request, Set<String> origins) {
        HttpHeaders h = request.getHeaders();
        String fetchSite = h.get("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equalsIgnoreCase("same-origin");
        }
        String from = h.get(HttpHeaders.ORIGIN) != null ? h.get(HttpHeaders.ORIGIN) : h.get(HttpHeaders.REFERER);
        String origin = from == null ? null : origin(from);
        return origin != null && origins.contains(origin);
    }

    /** scheme://host[:port] of a URL, lower case, without a default port; null if it has none. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
