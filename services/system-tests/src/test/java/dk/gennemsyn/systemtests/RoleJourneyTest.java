package dk.gennemsyn.systemtests;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dk.gennemsyn.testsupport.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role's day, from the pages alone: signed in on the demo data of `./dev.sh run`, every role walks through the
 * five services by the top navigation and does its own job (never the API). A screenshot of every step is kept in
 * target/journeys/<role>/ (the CI keeps target/ of the system tests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleJourneyTest {

    static final String TENANT = "0250";
    static final String[] SERVICES = {"Sager og gennemgange", "Vurdering", "Anbefalinger og handleplaner", "Beskeder",
            "Rapporter"};

    RunningSystem system;
    Browser browser;

    @BeforeAll
    void start() throws Exception {
        system = RunningSystem.withDemoData();
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

    /** One role's walk: its steps are numbered screenshots. */
    final class Journey implements AutoCloseable {
        final String role;
        final BrowserContext context;
        final Page page;
        int step;

        Journey(String role) {
            this.role = role;
            try (var old = Files.list(Files.createDirectories(Path.of("target", "journeys", role)))) {
                for (Path f : old.toList()) {
                    Files.delete(f); // the last run's steps only
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            context = browser.newContext();
            page = context.newPage();
            page.navigate(system.origin() + "/intake/login");
            page.click("button[data-user='demo-" + TENANT + "-" + role + "']");
            page.waitForLoadState();
            shot("start");
        }

        void shot(String name) {
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Path.of("target", "journeys", role, String.format("%02d-%s.png", ++step, name))));
            // Whatever the step, never a raw JSON answer or an error page.
            assertThat(page.locator("body").textContent()).as(role + " at " + page.url())
                    .doesNotContain("\"status\":").doesNotContain("Der opstod en fejl");
        }

        /** A service by the top navigation, as a person moves between them. */
        void service(String name) {
            page.locator("header nav a:text-is('" + name + "')").click();
            page.waitForLoadState();
            assertThat(page.locator("h1").first().isVisible()).isTrue();
            shot(name.toLowerCase().replaceAll("[^a-zæøå]+", "-"));
        }

        void click(Locator link, String name) {
            link.first().click();
            page.waitForLoadState();
            shot(name);
        }

        /** Every service once (a role that may not use one sees its Danish start page there, never an error). */
        void everyService() {
            for (String s : SERVICES) {
                service(s);
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }

    String today() {
        return LocalDate.now(ZoneId.of("Europe/Copenhagen")).toString();
    }

    @Test
    void theReviewerAssessesACaseAndRecordsAFinding() {
        try (Journey j = new Journey("reviewer")) {
            assertThat(j.page.url()).endsWith("/assessment/");
            j.click(j.page.locator("tr.work-row:has-text('Ikke påbegyndt') a"), "case");
            j.page.check("input[name='q.faglig_kvalitet'][value='3']");
            j.page.check("input[name='q.sammenhaeng'][value='2']");
            j.page.fill("#q-bemaerkninger", "Handleplanen mangler konkrete mål; opfølgningen er sket til tiden.");
            j.page.click("button[name=save]");
            j.page.waitForLoadState();
            j.shot("saved");
            assertThat(j.page.locator("input[name='q.faglig_kvalitet'][value='3']").isChecked()).isTrue();
            assertThat(j.page.inputValue("#q-bemaerkninger")).contains("konkrete mål");
            j.page.selectOption("#f-severity", "major");
            j.page.fill("#f-category", "Handleplan");
            j.page.fill("#f-text", "Handleplanen har ingen målbare mål for barnets trivsel.");
            j.page.click("button:has-text('Registrér fund')");
            j.page.waitForLoadState();
            j.shot("finding");
            assertThat(j.page.locator("body").textContent()).contains("Handleplanen har ingen målbare mål");
            j.everyService();
        }
    }

    @Test
    void theValidatorAgreesWithAFinalAssessment() {
        try (Journey j = new Journey("validator")) {
            j.click(j.page.locator("a:has-text('klar til validering')"), "validation");
            String before = j.page.locator("#validated").textContent();
            Locator first = j.page.locator(".card.final:has(form.validation-form)").first();
            first.locator("input[name=verdict][value=agree]").check();
            first.locator("textarea[name=comment]").fill("Enig i vurderingen.");
            first.locator("button:has-text('Gem validering')").click();
            j.page.waitForLoadState();
            j.shot("validated");
            assertThat(j.page.locator("#validated").textContent()).isNotEqualTo(before);
            j.everyService();
        }
    }

    @Test
    void theTovholderFollowsUpTheUrgentConcernAndTheBoundIndicator() {
        try (Journey j = new Journey("tovholder")) {
            assertThat(j.page.url()).endsWith("/recommendations/actions");
            // The action bound to the screening: its curve from the review over the follow-up imports.
            j.click(j.page.locator("a:has-text('Undersøgelser afsluttes inden for 4 måneder')"), "bound-action");
            assertThat(j.page.locator("#bound-to").textContent()).contains("Måles automatisk");
            assertThat(j.page.locator("#indicator figure.curve circle").count()).isGreaterThanOrEqualTo(3);
            j.page.fill("input[name=body]", "Teamlederne gennemgår fristerne hver mandag.");
            j.page.click("button:has-text('Tilføj note')");
            j.page.waitForLoadState();
            j.shot("note");
            assertThat(j.page.locator(".notes").textContent()).contains("hver mandag");
            // The urgent concern from the inbox: read it beside the case's timeline, and say what was done.
            j.service("Beskeder");
            j.click(j.page.locator("tr.message-row a.message-link[href*='/assessment/findings/']"), "urgent-finding");
            assertThat(j.page.locator("h2:has-text('Sagens tidslinje')").count()).isEqualTo(1);
            j.page.check("input[name=action][value=handled]");
            j.page.fill("#handling-note", "Underretning sendt til myndighedsteamet; ny vurdering i dag.");
            j.page.click("main button:has-text('Gem')");
            j.page.waitForLoadState();
            j.shot("handled");
            assertThat(j.page.locator("main").textContent()).contains("Underretning sendt til myndighedsteamet");
            j.everyService();
        }
    }

    @Test
    void theSteeringGroupDecidesARecommendationAndSeesThePlansProgress() {
        try (Journey j = new Journey("styregruppe")) {
            assertThat(j.page.url()).endsWith("/recommendations/steering");
            assertThat(j.page.locator(".indicator-curve figure.curve").count()).isPositive();
            j.click(j.page.locator(".steering-review ul").first().locator("a"), "recommendation");
            j.page.selectOption("select[name=decision]", "accepted");
            j.page.fill("input[name=reason]", "Styregruppen tilslutter sig anbefalingen.");
            j.page.fill("input[name=meetingDate]", today());
            j.page.click("button:has-text('Registrér beslutning')");
            j.page.waitForLoadState();
            j.shot("decided");
            assertThat(j.page.locator(".decision").first().textContent()).contains("Vedtaget");
            j.everyService();
            j.click(j.page.locator("a:has-text('Sammenfatning')"), "summary");
        }
    }

    @Test
    void theProjektlederWritesARecommendationOnAFinding() {
        try (Journey j = new Journey("projektleder")) {
            assertThat(j.page.url()).endsWith("/intake/");
            j.click(j.page.locator("main a[href*='/intake/reviews/']"), "review");
            // The steering group meets a week later than planned: the milestone moves, and the change is kept.
            Locator milestone = j.page.locator("tr.milestone-row").first();
            milestone.locator("summary").click();
            milestone.locator("input[name=date]").fill(LocalDate.now(ZoneId.of("Europe/Copenhagen")).plusDays(21).toString());
            milestone.locator("button:has-text('Gem milepælen')").click();
            j.page.waitForLoadState();
            j.page.locator("tr.milestone-row summary").first().click();
            j.shot("milestone-moved");
            assertThat(j.page.locator("tr.milestone-row .change-row").count()).isEqualTo(1);
            j.service("Anbefalinger og handleplaner");
            j.click(j.page.locator("main a[href*='/recommendations/reviews/']"), "recommendations");
            j.page.fill("#r-title", "Fast opfølgning på underretninger om vold");
            j.page.selectOption("#r-theme", "faglig_udredning");
            j.page.fill("#r-body", "Alle underretninger om vold vurderes samme dag og følges op af en leder.");
            j.page.locator("input[name=findingIds]").first().check();
            j.page.click("button:has-text('Opret anbefaling')");
            j.page.waitForLoadState();
            j.shot("recommendation-created");
            j.click(j.page.locator("a.rec-title:has-text('Fast opfølgning på underretninger om vold')"), "recommendation");
            assertThat(j.page.locator(".evidence li").count()).isEqualTo(1);
            // The finding it rests on, in assessment, with who was told.
            j.click(j.page.locator(".evidence a"), "finding");
            assertThat(j.page.url()).contains("/assessment/findings/");
            j.everyService();
        }
    }

    @Test
    void theTenantAdministratorSearchesTheAccessLog() {
        try (Journey j = new Journey("tenant-admin")) {
            j.click(j.page.locator("main a:text-is('Adgangslog')"), "access-log");
            String someCase = j.page.locator("main td a[href*='access-log?sag=']").first().textContent().replace("…", "");
            j.click(j.page.locator("main td a[href*='access-log?sag=']"), "one-case");
            assertThat(j.page.inputValue("#f-sag")).startsWith(someCase);
            assertThat(j.page.locator("a:has-text('Hent som CSV')").getAttribute("href")).contains("sag=" + someCase);
            j.everyService();
        }
    }
}
