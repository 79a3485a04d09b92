package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class RecommendationPagesTest extends ServiceTest {

    @Inject @Client("/") HttpClient http;

    @Override
    protected String service() {
        return "recommendations";
    }

    @Test
    void theFirstPageIsServedInTheSharedLayoutAndOnlyToSignedInUsers() {
        var page = Http.call(http.toBlocking(), HttpRequest.GET("/recommendations/").accept(MediaType.TEXT_HTML)
                .cookie(Cookie.of("gennemsyn_token", TestTokens.token("0330", "styregruppe"))));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Anbefalinger og handleplaner").contains("href=\"/intake/\"")
                .contains("/recommendations/static/gennemsyn.css");
        var css = Http.call(http.toBlocking(), HttpRequest.GET("/recommendations/static/gennemsyn.css"));
        assertThat(css.status()).isEqualTo(200);
        var anonymous = Http.call(http.toBlocking(), HttpRequest.GET("/recommendations/").accept(MediaType.TEXT_HTML));
        assertThat(anonymous.status()).isIn(302, 303);
        assertThat(anonymous.headers().get("Location")).isEqualTo("/recommendations/login");
    }
}
