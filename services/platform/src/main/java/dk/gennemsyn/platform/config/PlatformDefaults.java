package dk.gennemsyn.platform.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Loads the settings every service shares ({@code gennemsyn-platform.yml}) below each service's own
 * {@code application.yml}, so a service's configuration is only its name and path prefix.
 */
@ContextConfigurer
public final class PlatformDefaults implements ApplicationContextConfigurer {

    static final String RESOURCE = "gennemsyn-platform.yml";
    /** Lower than application.yml (-300) and environment variables: anything may override a default. */
    static final int ORDER = -1000;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("gennemsyn-platform", load(), ORDER));
    }

    static Map<String, Object> load() {
        try (InputStream in = PlatformDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the platform jar");
            }
            return new YamlPropertySourceLoader().read(RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
