package dk.gennemsyn.platform.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.io.Writable;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders a page completely before the response starts. Thymeleaf otherwise renders while the response is being
 * written, after its status is sent, so a template error left the request hanging with no answer; rendered first,
 * the error goes through the normal error handling and the user gets a 500. Expressions evaluate with
 * {@link OgnlCaches}.
 */
@Singleton
@Replaces(ThymeleafViewsRenderer.class)
public class BufferedViewsRenderer<T> extends ThymeleafViewsRenderer<T> {

    public BufferedViewsRenderer(AbstractConfigurableTemplateResolver templateResolver, TemplateEngine engine,
                                 ClassPathResourceLoader resourceLoader, HttpLocaleResolver httpLocaleResolver) {
        super(templateResolver, engine, resourceLoader, httpLocaleResolver);
        OgnlCaches.install();
    }

    @Override
    public Writable render(String viewName, T data, HttpRequest<?> request) {
        StringWriter page = new StringWriter(16 * 1024);
        try {
            super.render(viewName, data, request).writeTo(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String html = page.toString();
        return out -> out.write(html);
    }
}
