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
 * case-intake, and see reporting count it and assessment keep it, after the event went through the outbox,
 * RabbitMQ and each consumer's inbox. Another municipality sees none of it.
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
    void aCaseRegisteredInIntakeIsCountedByReportingAndKeptByAssessment() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0250-projektleder");
            assertThat(page.url()).endsWith("/intake/");
            assertThat(page.locator("header .tenant").textContent()).isEqualTo("Halsnæs Kommune");

            page.navigate(system.origin() + "/intake/cases");
            page.selectOption("#caseType", "anbringelse");
            page.click("text=Registrér sag");
            page.waitForURL("**/intake/cases/*");
            assertThat(page.locator("h1").textContent()).isEqualTo("Sag 1");
            page.navigate(system.origin() + "/intake/cases");
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
            assertThat(page.locator("h1").textContent()).isEqualTo("Indbakke");

            page.click("header nav >> text=Vurdering");
            assertEventually(page, () -> page.locator("#known-cases").textContent(), "1");

            page.click("header nav >> text=Anbefalinger og handleplaner");
            assertThat(page.locator("h1").textContent()).isEqualTo("Anbefalinger og handleplaner");

            // Another municipality sees none of Halsnæs' data.
            page.click("text=Log ud");
            signIn(page, "demo-0573-projektleder");
            page.navigate(system.origin() + "/intake/cases");
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

    /** Issue 3's flow as a projektleder does it: set up a review, import the case system's extract, draw a sample. */
    @Test
    void aReviewIsSetUpCasesAreImportedAndASampleIsDrawnAndShown() throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("udtraek", ".csv");
        StringBuilder file = new StringBuilder("sagsnummer;sagstype;fødselsår;team;rådgiver;status;hændelse;dato;note\n");
        for (int i = 1; i <= 30; i++) {
            file.append("2020-").append(1000 + i).append(';').append(i % 3 == 0 ? "anbringelse" : "forebyggende")
                    .append(";2012;Team ").append(i % 2 == 0 ? "Nord" : "Syd").append(";Rådgiver ").append(i % 4)
                    .append(";åben;underretning_modtaget;2015-0").append(1 + i % 9).append("-01;Fra skolen\n");
            file.append("2020-").append(1000 + i).append(';').append(i % 3 == 0 ? "anbringelse" : "forebyggende")
                    .append(";2012;Team ").append(i % 2 == 0 ? "Nord" : "Syd").append(";Rådgiver ").append(i % 4)
                    .append(";åben;bfu_afsluttet;2019-0").append(1 + i % 9).append("-15;\n");
        }
        java.nio.file.Files.writeString(csv, file);
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0330-projektleder");
            page.fill("#title", "Gennemgang af børnesager 2026");
            page.fill("#periodFrom", "2016-01-01");
            page.click("text=Opret gennemgang");
            page.waitForURL("**/intake/reviews/*");
            String reviewUrl = page.url();
            assertThat(page.locator("#state").textContent()).isEqualTo("Planlægning");

            page.navigate(system.origin() + "/intake/imports");
            page.setInputFiles("#file", csv);
            page.click("text=Start import");
            page.waitForURL("**/intake/imports/*");
            // The page follows the job and shows its report when done.
            page.waitForSelector("#import-result:not([hidden])", new Page.WaitForSelectorOptions().setTimeout(30_000));
            assertThat(page.locator("#import-phase").textContent()).isEqualTo("Færdig");
            assertThat(page.locator("#cases-created").textContent()).isEqualTo("30");
            assertThat(page.locator("#import-progress").getAttribute("value")).isEqualTo("100");
            screenshot(page, "intake-import");

            page.navigate(reviewUrl);
            page.selectOption("#s-method", "proportional");
            page.selectOption("#s-strata", "caseType");
            page.fill("#s-size", "9");
            page.fill("#s-seed", "2026");
            page.click("button:has-text('Træk stikprøve')");
            page.waitForSelector("text=Stikprøveprotokol");
            assertThat(page.url()).isEqualTo(reviewUrl);
            assertThat(page.locator("#state").textContent()).isEqualTo("Stikprøve");
            assertThat(page.locator("#selected-count").textContent()).isEqualTo("9");
            assertThat(page.locator(".protocol .seed").textContent()).isEqualTo("2026");
            assertThat(page.locator(".protocol").textContent()).contains("anbringelse: 3 af 10").contains("forebyggende: 6 af 20");
            screenshot(page, "intake-review");

            // A selected case's timeline, with events before the period marked as context.
            page.locator("tr.selected-row a").first().click();
            page.waitForURL("**/intake/cases/*");
            assertThat(page.locator("tr.timeline-row").allTextContents()).anyMatch(t -> t.contains("Kontekst"))
                    .anyMatch(t -> t.contains("I perioden"));
            screenshot(page, "intake-case");
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
    }

    /**
     * Issue 5's flow across services: the projektleder names a tovholder and a meeting in case-intake and moves the
     * review on; notifications sends the tovholder the meeting's calendar invitation by e-mail, and the phase change
     * lands in their inbox, counted in the header of every service's pages.
     */
    @Test
    void aReviewsTovholderGetsTheMeetingInvitationAndThePhaseChangeInTheInbox() throws Exception {
        String meetingDate = java.time.LocalDate.now().plusDays(20).toString();
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, "demo-0250-projektleder");
            page.fill("#title", "Gennemgang med tovholder");
            page.click("text=Opret gennemgang");
            page.waitForURL("**/intake/reviews/*");
            String reviewUrl = page.url();
            page.fill("#p-name", "Tovholderen");
            page.fill("#p-user", "demo-0250-tovholder");
            page.fill("#p-email", "tovholder@halsnaes.example");
            page.selectOption("#p-role", "tovholder");
            page.click("button:has-text('Tilføj person')");
            page.waitForURL(reviewUrl);
            page.selectOption("#m-kind", "meeting");
            page.fill("#m-title", "Styregruppemøde");
            page.fill("#m-date", meetingDate);
            page.click("button:has-text('Tilføj milepæl')");
            page.waitForURL(reviewUrl);
            page.click("button:has-text('Gå til Stikprøve')");
            page.waitForURL(reviewUrl);
            assertThat(page.locator("#state").textContent()).isEqualTo("Stikprøve");

            long deadline = System.currentTimeMillis() + 15_000;
            while (system.smtp.getReceivedMessages().length == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            var mails = system.smtp.getReceivedMessages();
            assertThat(mails).hasSize(1);
            assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("tovholder@halsnaes.example");
            assertThat(mails[0].getSubject()).isEqualTo("Ny mødeindkaldelse: Styregruppemøde " + java.time.LocalDate
                    .parse(meetingDate).format(java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy")));
            var parts = (jakarta.mail.Multipart) mails[0].getContent();
            assertThat(parts.getBodyPart(2).getContentType()).startsWith("text/calendar");
            assertThat((String) parts.getBodyPart(0).getContent()).contains(reviewUrl);

            page.click("text=Log ud");
            signIn(page, "demo-0250-tovholder");
            // The header of case-intake's page counts the tovholder's unread messages in notifications.
            assertEventually(page, () -> page.locator("#inbox-unread").textContent(), "1");
            page.click("#inbox-link");
            assertThat(page.locator("tr.message-row .subject").allTextContents())
                    .containsExactly("»Gennemgang med tovholder« er nu i fasen Stikprøve");
            screenshot(page, "notifications-inbox");
            page.click("button:has-text('Markér som læst')");
            page.waitForURL("**/notifications/");
            assertThat(page.locator("#unread-count").textContent()).isEqualTo("0");
            page.waitForFunction("() => document.getElementById('inbox-unread').hidden");
            page.click("tr.message-row a.message-link");
            page.waitForURL(reviewUrl);
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
