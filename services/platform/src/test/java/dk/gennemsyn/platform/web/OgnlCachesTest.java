package dk.gennemsyn.platform.web;

import ognl.OgnlRuntime;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OgnlCachesTest {

    public record Row(String alias, Map<String, String> labels) {
    }

    private static String render(String template, Map<String, Object> model) {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine.process(template, new Context(null, model));
    }

    @Test
    void bothCachesAreInstalledInThisThymeleaf() throws Exception {
        assertThat(OgnlCaches.install()).isTrue();
        assertThat(OgnlCaches.install()).isTrue(); // a second renderer bean wraps nothing twice
        assertThat(OgnlCaches.memberAccess()).isInstanceOf(OgnlCaches.CachingMemberAccess.class);
        assertThat(OgnlRuntime.getCompiler()).isInstanceOf(OgnlCaches.CachingCompiler.class);
    }

    @Test
    void expressionsGiveTheSameAnswersEveryTime() {
        OgnlCaches.install();
        String template = "<p th:each=\"r : ${rows}\""
                + " th:text=\"${r.alias()} + '=' + ${r.labels().get('kvalitet')}\">x</p>";
        Map<String, Object> model = Map.of("rows", List.of(new Row("Sag 1", Map.of("kvalitet", "God")),
                new Row("Sag 2", Map.of("kvalitet", "Dårlig"))));
        String first = render(template, model);
        assertThat(first).isEqualTo("<p>Sag 1=God</p><p>Sag 2=Dårlig</p>");
        assertThat(render(template, model)).isEqualTo(first);
    }

    @Test
    void aMemberThymeleafRefusesIsRefusedEveryTime() {
        OgnlCaches.install();
        // Thymeleaf refuses calls on most JDK types in templates (java.lang.Thread among them).
        Map<String, Object> model = Map.of("t", Thread.currentThread());
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> render("<p th:text=\"${t.getName()}\">x</p>", model))
                    .isInstanceOf(TemplateProcessingException.class)
                    .hasStackTraceContaining("is forbidden for type");
        }
    }
}
