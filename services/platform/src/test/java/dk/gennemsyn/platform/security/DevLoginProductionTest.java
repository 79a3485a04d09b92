package dk.gennemsyn.platform.security;

import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import dk.gennemsyn.testsupport.Http;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dev sign-in cannot be switched on in the production configuration. */
class DevLoginProductionTest {

    static Map<String, Object> prodProperties() {
        Map<String, Object> props = new HashMap<>(TestInfra.serviceProperties("platform-test"));
        props.put("micronaut.application.name", "platform-test");
        props.put("micronaut.server.port", "-1");
        props.remove("gennemsyn.security.jwks");
        props.remove("gennemsyn.security.dev.signing-jwk");
        props.put("gennemsyn.security.jwks-url", "https://login.example.invalid/jwks");
        return props;
    }

    @Test
    void productionRefusesToStartWithTheDevSignInSwitchedOn() {
        Map<String, Object> props = prodProperties();
        props.put("gennemsyn.security.dev.enabled", "true");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, props, "prod"))
                .hasStackTraceContaining("Dev sign-in cannot be switched on in production");
    }

    @Test
    void productionRefusesADevSigningKey() {
        Map<String, Object> props = prodProperties();
        props.put("gennemsyn.security.dev.signing-jwk", "{\"kty\":\"RSA\"}");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, props, "prod"))
                .hasStackTraceContaining("Dev sign-in cannot be switched on in production");
    }

    @Test
    void productionNeedsAnExternalKeySet() {
        Map<String, Object> props = prodProperties();
        props.remove("gennemsyn.security.jwks-url");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, props, "prod"))
                .hasStackTraceContaining("GENNEMSYN_JWKS_URL");
    }

    @Test
    void inProductionThereIsNoSignInPage() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, prodProperties(), "prod");
             HttpClient client = HttpClient.create(server.getURL())) {
            assertThat(server.getApplicationContext().findBean(DevLoginController.class)).isEmpty();
            var r = Http.call(client.toBlocking(), HttpRequest.POST("/login", "user=demo-0250-projektleder")
                    .contentType("application/x-www-form-urlencoded"));
            assertThat(r.status()).isNotEqualTo(303);
            assertThat(r.headers().get("Set-Cookie")).isNull();
        }
    }
}
