package dk.gennemsyn.testsupport;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * Base for a service's {@code @MicronautTest} classes: gives the context its own database and vhost on
 * the real servers, and the test signing key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {

    private Map<String, String> properties;

    /** The service's one name (its application name). */
    protected abstract String service();

    /** Settings a test class needs on top of the defaults (e.g. a shorter retention). */
    protected Map<String, String> overrides() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = new java.util.LinkedHashMap<>(TestInfra.serviceProperties(service()));
            properties.putAll(overrides());
        }
        return properties;
    }
}
