package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.events.Correlation;
import dk.gennemsyn.platform.problem.Problem;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * A browser never sees problem+json: when a person's navigation or form post ends in a problem (404, 403, 409, a
 * bad value the page did not catch, a 500), the answer is a Danish page in the layout with the explanation and a
 * way back. API clients (Accept: JSON, or no HTML) keep the problem+json. Pages that can show an error at its
 * field do so themselves; this is the floor under every other path.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ProblemPageFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemPageFilter.class);

    private final BufferedViewsRenderer<Map<String, Object>> renderer;
    private final LayoutModel layout;
    private final String contextPath;

    ProblemPageFilter(BufferedViewsRenderer<Map<String, Object>> renderer, LayoutModel layout,
                      @Value("${micronaut.server.context-path:}") String contextPath) {
        this.renderer = renderer;
        this.layout = layout;
        this.contextPath = contextPath;
    }

    /** Just inside the security headers, outside the security filter: its 403s get the page too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order() + 1;
    }

    @ResponseFilter
    @SuppressWarnings("unchecked")
    public void page(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getStatus().getCode() < 400 || !(response.getBody().orElse(null) instanceof Problem problem)
                || !wantsPage(request)) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", problem.title());
        model.put("problemTitle", problem.title());
        model.put("problemText", explanation(problem.status()));
        model.put("problemDetail", problem.detail());
        model.put("keepsInput", request.getMethod() == HttpMethod.POST);
        model.put("back", back(request));
        model.put("correlation", request.getAttribute(Correlation.CORRELATION_ID, String.class).orElse(null));
        ModelAndView<Map<String, Object>> mv = new ModelAndView<>("platform/error", model);
        try {
            layout.process(request, mv);
            StringWriter html = new StringWriter();
            renderer.render("platform/error", mv.getModel().orElseThrow(), request).writeTo(html);
            ((MutableHttpResponse<Object>) response).body(html.toString()).contentType(MediaType.TEXT_HTML + ";charset=utf-8");
        } catch (Exception e) {
            // The problem+json stays: an ugly answer beats none.
            LOG.warn("Could not render the error page for {}", request.getPath(), e);
        }
    }

    private static String explanation(int status) {
        return switch (status) {
            case 400, 422 -> "Noget af det indtastede kunne ikke bruges.";
            case 403 -> "Din rolle giver ikke adgang til denne side eller handling. Mener du, at du burde have adgang,"
                    + " så kontakt projektlederen eller kommunens administrator.";
            case 404 -> "Siden findes ikke. Den kan være flyttet eller slettet, eller adressen kan være skrevet forkert.";
            case 405 -> "Handlingen kan ikke udføres på denne side.";
            case 409, 412 -> "En anden har ændret de samme oplysninger, eller handlingen passer ikke med sagens"
                    + " nuværende tilstand. Hent siden igen, og gentag din ændring.";
            case 413 -> "Det, du sendte, er for stort.";
            case 503 -> "Gennemsyn er midlertidigt utilgængelig. Prøv igen om lidt.";
            default -> status >= 500 ? "Der skete en fejl hos os. Intet tyder på, at det skyldes det, du gjorde."
                    + " Prøv igen; sker det igen, så giv support fejlkoden nedenfor."
                    : "Forespørgslen kunne ikke gennemføres.";
        };
    }

    /** The page the user came from on our origin (the Referrer-Policy sends it only there), else this service's start. */
    private String back(HttpRequest<?> request) {
        String referer = request.getHeaders().get("Referer");
        if (referer != null) {
            try {
                java.net.URI uri = java.net.URI.create(referer);
                String host = request.getHeaders().get("Host");
                if (uri.getRawPath() != null && uri.getRawPath().startsWith("/") && host != null
                        && host.equalsIgnoreCase(uri.getRawAuthority())) {
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException ignored) {
                // Not a URL we can use: the start page it is.
            }
        }
        return contextPath + "/";
    }

    /** A browser navigating or posting a form (Accept lists text/html before any JSON), not an API call. */
    static boolean wantsPage(HttpRequest<?> request) {
        String accept = request.getHeaders().get("Accept");
        if (accept == null) {
            return false;
        }
        int html = accept.indexOf("text/html");
        int json = accept.indexOf("json");
        return html >= 0 && (json < 0 || html < json);
    }
}
