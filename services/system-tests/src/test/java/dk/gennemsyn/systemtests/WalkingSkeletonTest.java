package dk.gennemsyn.systemtests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dk.gennemsyn.testsupport.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's end-to-end flow in a real browser on one origin: sign in once, register a case in
 * case-intake, and see reporting count it and notifications record it, after the event went through
 * the outbox, RabbitMQ and each consumer's inbox. Another municipality sees none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkingSkeletonTest {

    RunningSystem system;
    Browser browser;

    @BeforeAll
    void start() throws Exception {
        system = new RunningSystem();
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aCaseRegisteredInIntakeIsCountedByReportingAndRecordedByNotifications() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0250-projektleder");
            assertThat(page.url()).endsWith("/intake/");
            assertThat(page.locator("header .tenant").textContent()).isEqualTo("Halsnæs Kommune");

            page.selectOption("#caseType", "anbringelse");
            page.click("text=Registrér sag");
            page.waitForURL("**/intake/");
            assertThat(page.locator("#case-count").textContent()).isEqualTo("1");
            assertThat(page.locator("tr.case-row td").first().textContent()).isEqualTo("Sag 1");
            screenshot(page, "intake-home");

            // Same sign-in, another service, through the shared navigation.
            page.click("header nav >> text=Rapporter");
            assertThat(page.url()).endsWith("/reporting/");
            assertEventually(page, () -> page.locator("#total-cases").textContent().trim(), "1");
            assertThat(page.content()).contains("anbringelse");
            screenshot(page, "reporting-home");

            page.click("header nav >> text=Beskeder");
            assertEventually(page, () -> page.locator("#received-events li").allTextContents().toString(),
                    "[Ny sag registreret: Sag 1]");

            page.click("header nav >> text=Vurdering");
            assertEventually(page, () -> page.locator("#known-cases").textContent(), "1");

            page.click("header nav >> text=Anbefalinger og handleplaner");
            assertThat(page.locator("h1").textContent()).isEqualTo("Anbefalinger og handleplaner");

            // Another municipality sees none of Halsnæs' data.
            page.click("text=Log ud");
            signIn(page, "demo-0573-projektleder");
            assertThat(page.locator("#case-count").textContent()).isEqualTo("0");
            page.navigate(system.origin() + "/reporting/");
            assertThat(page.locator("#total-cases").textContent().trim()).isEqualTo("0");
        }
    }

    @Test
    void everyServiceAnswersItsHealthAndFirstPageOnTheOneOrigin() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0330-tovholder");
            for (String prefix : RunningSystem.SERVICES.values()) {
                var response = page.navigate(system.origin() + prefix + "/");
                assertThat(response.status()).as(prefix).isEqualTo(200);
                assertThat(page.locator("header .user").textContent()).isEqualTo("Tovholder (Slagelse)");
                assertThat(page.locator("header nav a.current").getAttribute("href")).isEqualTo(prefix + "/");
                var health = page.navigate(system.origin() + prefix + "/health/liveness");
                assertThat(health.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void swaggerUiRendersEachServicesApiFromLocalAssets() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(system.origin() + "/intake/api-docs");
            page.waitForSelector(".opblock-summary-path");
            assertThat(page.locator(".opblock-summary-path").allTextContents())
                    .contains("/intake/api/cases", "/intake/api/cases/{id}/access-log");
            page.navigate(system.origin() + "/reporting/api-docs");
            page.waitForSelector(".opblock-summary-path");
            assertThat(page.locator(".opblock-summary-path").allTextContents()).contains("/reporting/api/case-counts");
        }
    }

    /** Kept in target/system/screenshots for a person to look at; not compared. */
    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "system", "screenshots", name + ".png")));
    }

    void signIn(Page page, String user) {
        page.navigate(system.origin() + "/intake/login");
        page.click("button[data-user='" + user + "']");
        page.waitForURL("**/intake/");
    }

    /** Read models follow events: reload until the value shows (or fail after 15 s). */
    static void assertEventually(Page page, Supplier<String> value, String expected) {
        long deadline = System.currentTimeMillis() + 15_000;
        String last = value.get();
        while (!expected.equals(last) && System.currentTimeMillis() < deadline) {
            page.waitForTimeout(300);
            page.reload();
            last = value.get();
        }
        assertThat(last).isEqualTo(expected);
    }
}
