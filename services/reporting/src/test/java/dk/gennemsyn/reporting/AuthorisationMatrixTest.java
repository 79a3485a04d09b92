package dk.gennemsyn.reporting;

import dk.gennemsyn.testsupport.AuthorisationMatrix;
import dk.gennemsyn.testsupport.TestTokens;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation × every role × another municipality, as authorisation.matrix says; the pages follow it. */
@MicronautTest(transactional = false)
class AuthorisationMatrixTest extends ReportingTest {

    static final String T = "0250";

    @Test
    void everyOperationOfTheOpenApiAnswersEachRoleAsTheMatrixSays() throws Exception {
        AuthorisationMatrix.check(service(), http.toBlocking(), this::fixture);
    }

    /** The steering group reads the summary page, is offered no case overview, and is refused it by address. */
    @Test
    void theSteeringGroupSeesTheFiguresButNoCaseRowsInThePages() {
        String review = givenScenario(T, 1).review();
        String base = url("/reporting");
        try (BrowserContext ctx = browser().signedIn(TestTokens.token(T, "styregruppe"))) {
            Page page = ctx.newPage();
            page.navigate(base + "/");
            assertThat(page.locator("a:has-text('Sammenfatning')").count()).isPositive();
            assertThat(page.locator("a:has-text('Sagsoversigt')").count()).isZero();
            page.navigate(base + "/reviews/" + review + "/summary");
            assertThat(page.locator("h1").textContent()).contains("Sammenfatning");
            assertThat(page.locator("a:has-text('Sagsoversigt')").count()).isZero();
            var refused = page.navigate(base + "/reviews/" + review);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(page.content()).doesNotContain("Sag 1").contains("Styregruppen ser sammenfatningen");
        }
    }

    /** Two scenario reviews (trend compares them). */
    Map<String, String> fixture() {
        return Map.of("review", givenScenario(T, 1).review(), "second", givenScenario(T, 1).review());
    }
}
