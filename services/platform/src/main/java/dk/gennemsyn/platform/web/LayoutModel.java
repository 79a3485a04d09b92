package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.DemoUsers;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds what the shared layout needs to every page model: the navigation across the five services
 * (one origin, path prefixes), the current service, and who is signed in.
 */
@Singleton
public class LayoutModel implements ViewModelProcessor<Map<String, Object>> {

    public record NavItem(String href, String label, boolean current) {
    }

    static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("/intake", "Sager og gennemgange");
        SERVICES.put("/assessment", "Vurdering");
        SERVICES.put("/recommendations", "Anbefalinger og handleplaner");
        SERVICES.put("/notifications", "Beskeder");
        SERVICES.put("/reporting", "Rapporter");
    }

    private final String contextPath;

    public LayoutModel(@Value("${micronaut.server.context-path:}") String contextPath) {
        this.contextPath = contextPath;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
        if (modelAndView.getModel().isEmpty()) {
            return;
        }
        // A copy: controllers may hand over an immutable map.
        Map<String, Object> model = new java.util.HashMap<>(modelAndView.getModel().get());
        modelAndView.setModel(model);
        model.put("nav", SERVICES.entrySet().stream()
                .map(e -> new NavItem(e.getKey() + "/", e.getValue(), e.getKey().equals(contextPath)))
                .toList());
        model.put("base", contextPath);
        model.put("fmt", DanishFormat.INSTANCE);
        request.getUserPrincipal(Authentication.class).ifPresent(auth -> {
            Caller caller = Caller.of(auth);
            model.put("caller", caller);
            model.put("callerTenantName", DemoUsers.TENANTS.getOrDefault(caller.tenant(), "Kommune " + caller.tenant()));
        });
        model.putIfAbsent("title", "Gennemsyn");
    }
}
