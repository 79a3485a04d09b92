package dk.gennemsyn.assessment;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The assessment pages in Chromium: distribution, the form with autosave and submit, screening, the editor. */
@MicronautTest(transactional = false)
class PagesTest extends AssessmentTest {

    static final String T = "0250";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("micronaut.http.client.read-timeout", "10s");
    }

    BrowserContext signedIn(String token) {
        return browser().signedIn(token);
    }

    /** A reviewer with more than a page of cases sees the total, the first 50, and a pager to the rest. */
    @Test
    void aLongWorkListIsShownAPageAtATime() {
        String review = UUID.randomUUID().toString();
        givenReview(T, review, 53, 0, reviewer("pager", Instant.now().plusSeconds(86_400)));
        var assigned = post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        try (BrowserContext reviewer = signedIn(reviewerToken(T, "pager"))) {
            Page page = reviewer.newPage();
            page.navigate(url("/assessment/"));
            assertThat(page.locator("#my-count").textContent()).isEqualTo("53");
            assertThat(page.locator("tr.work-row").count()).isEqualTo(50);
            assertThat(page.locator("tr.work-row").first().textContent()).contains("Sag 1");
            assertThat(page.locator("nav.pager").textContent()).contains("Side 1 af 2");
            page.click("nav.pager a[rel=next]");
            assertThat(page.locator("nav.pager").textContent()).contains("Side 2 af 2");
            assertThat(page.locator("tr.work-row").count()).isEqualTo(3);
            assertThat(page.locator("tr.work-row").last().textContent()).contains("Sag 53");
        }
    }

    @Test
    void aReviewIsDistributedAndAReviewerFillsInAutosavesAndSubmitsTheForm() {
        String review = UUID.randomUUID().toString();
        givenReview(T, review, 2, 0, reviewer("anna", Instant.now().plusSeconds(86_400)));
        try (BrowserContext staff = signedIn(TestTokens.token(T, "projektleder"))) {
            Page page = staff.newPage();
            page.navigate(url("/assessment/reviews/" + review));
            page.click("button:has-text('Fordel sager')");
            assertThat(page.locator("#assignment-count").textContent()).isEqualTo("2");
            assertThat(page.locator("tr.assignment-row").first().textContent()).contains("Gennemgår anna");
        }
        try (BrowserContext reviewer = signedIn(reviewerToken(T, "anna"))) {
            Page page = reviewer.newPage();
            page.navigate(url("/assessment/"));
            assertThat(page.locator("#my-count").textContent()).isEqualTo("2");
            page.click("#worklist >> text=Sag 1");
            assertThat(page.locator("#forklaede").textContent()).isEqualTo("Udvalgt tilfældigt");
            // Keyboard: the radio buttons are labelled; choosing one autosaves.
            page.locator("[data-question=faglig_kvalitet]").getByLabel("4 – God").check();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#autosave"))
                    .containsText("Gemt kl.");
            page.reload();
            assertThat(page.locator("[data-question=faglig_kvalitet]").getByLabel("4 – God").isChecked()).isTrue();
            // Submitting with missing answers keeps what was written and says what is missing.
            page.click("button:has-text('Indsend vurderingen')");
            assertThat(page.locator("p.notice").textContent()).contains("5 mangler");
            assertThat(page.locator("[data-question=faglig_kvalitet]").getByLabel("4 – God").isChecked()).isTrue();
            page.locator("[data-question=sammenhaeng]").getByLabel("3 – Tilfredsstillende").check();
            page.locator("[data-question=omkostningseffektiv]").getByLabel("Ja").check();
            page.getByLabel("Passende").check();
            page.locator("[data-question=barnets_syn]").getByLabel("3 – Belyst").check();
            page.locator("[data-question=foraeldrenes_syn]").getByLabel("2 – Delvist belyst").check();
            page.click("button:has-text('Indsend vurderingen')");
            assertThat(page.locator("#state").textContent()).isEqualTo("Indsendt og låst");
            assertThat(page.locator("[data-question=faglig_kvalitet]").getByLabel("4 – God").isDisabled()).isTrue();
            // A finding, urgent.
            page.fill("#f-category", "Sikkerhed");
            page.selectOption("#f-severity", "critical");
            page.fill("#f-text", "Barnet kan være i fare nu");
            page.check("input[name=urgent]");
            page.click("button:has-text('Registrér fund')");
            assertThat(page.locator("tr.finding-row").textContent()).contains("AKUT");
        }
        assertThat(count("select count(*) from assignments where status = 'submitted'")).isEqualTo(1);
    }

    /**
     * The whole assessment with the keyboard alone (WCAG 2.1.1): Tab from the top of the page, Space on the first
     * choice of each question, Tab on, Enter on "Indsend vurderingen"; the focus is always visible.
     */
    @Test
    void aReviewerCompletesTheAssessmentWithTheKeyboardAlone() {
        String review = UUID.randomUUID().toString();
        givenReview(T, review, 1, 0, reviewer("keys", Instant.now().plusSeconds(86_400)));
        assertThat(post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder").status())
                .isEqualTo(201);
        try (BrowserContext reviewer = signedIn(reviewerToken(T, "keys"))) {
            Page page = reviewer.newPage();
            page.navigate(url("/assessment/"));
            page.click("#worklist >> text=Sag 1");
            page.waitForSelector("#assessment-form");
            java.util.Set<String> answered = new java.util.HashSet<>();
            boolean submitted = false;
            for (int presses = 0; presses < 300 && !submitted; presses++) {
                page.keyboard().press("Tab");
                @SuppressWarnings("unchecked")
                Map<String, Object> at = (Map<String, Object>) page.evaluate("""
                        () => { const e = document.activeElement;
                          return {tag: e.tagName, type: e.type || '', name: e.name || '', text: e.textContent || '',
                                  inForm: !!e.closest('#assessment-form'),
                                  outline: getComputedStyle(e).outlineStyle}; }""");
                if (!(Boolean) at.get("inForm")) {
                    continue;
                }
                assertThat(at.get("outline")).as("a visible focus on " + at).isNotEqualTo("none");
                String name = (String) at.get("name");
                if ("radio".equals(at.get("type")) && answered.add(name)) {
                    page.keyboard().press("Space");
                } else if ("TEXTAREA".equals(at.get("tag")) && answered.add(name)) {
                    page.keyboard().type("Skrevet med tastaturet");
                } else if ("BUTTON".equals(at.get("tag")) && "submit".equals(name)) {
                    page.keyboard().press("Enter");
                    submitted = true;
                }
            }
            assertThat(submitted).as("reached the submit button with Tab").isTrue();
            page.waitForSelector("#state:has-text('Indsendt og låst')");
            assertThat(answered).contains("q.faglig_kvalitet", "q.foraeldrenes_syn");
        }
        assertThat(count("select count(*) from assignments a where a.reviewer = 'keys' and status = 'submitted'")).isEqualTo(1);
    }

    @Test
    void staffFilterTheScreeningAndEditAnInstrumentIntoANewVersion() {
        String review = UUID.randomUUID().toString();
        givenReview(T, review, 1, 0, reviewer("bo", Instant.now().plusSeconds(86_400)));
        try (BrowserContext staff = signedIn(TestTokens.token(T, "projektleder"))) {
            Page page = staff.newPage();
            page.navigate(url("/assessment/screening"));
            page.selectOption("#f-review", review);
            page.selectOption("#f-rule", "opfoelgning_3_maaneder");
            page.selectOption("#f-result", "not_met");
            page.click("button:has-text('Filtrér')");
            assertThat(page.locator("#case-count").textContent()).isEqualTo("1");
            page.click("#screening-cases >> text=Sag 1");
            assertThat(page.locator("[data-rule=opfoelgning_3_maaneder]").textContent())
                    .contains("Ikke opfyldt").contains("ingen opfølgning registreret");

            page.navigate(url("/assessment/instruments"));
            page.locator("tr.instrument-row", new Page.LocatorOptions().setHasText("Sagsnotat (Varde)"))
                    .locator("button:has-text('Kopiér til ny version')").click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Sagsnotat (Varde), version 2");
            page.fill("#q-section", "Drøftelse");
            page.fill("#q-id", "anbefaling");
            page.fill("#q-text", "Hvad anbefaler du?");
            page.selectOption("#q-type", "text");
            page.click("button:has-text('Gem spørgsmål')");
            assertThat(page.locator("tr.question-row[data-question=anbefaling]").textContent()).contains("Hvad anbefaler du?");
            page.fill("#q-section", "Drøftelse");
            page.fill("#q-id", "skala");
            page.fill("#q-text", "En skala med ét trin");
            page.selectOption("#q-type", "ordinal");
            page.fill("#q-scale", "Kun ét");
            page.click("button:has-text('Gem spørgsmål')");
            assertThat(page.locator("p.notice").textContent()).contains("2-10 trin");
            page.click("button:has-text('Offentliggør version')");
            assertThat(page.locator("#status").textContent()).isEqualTo("Offentliggjort");
        }
    }

    @Test
    void aDisagreementIsModeratedOnTheComparisonAndTheCaseValidated() {
        String review = UUID.randomUUID().toString();
        Instant later = Instant.now().plusSeconds(86_400);
        givenReview(T, review, 1, 1, reviewer("cia", later), reviewer("dan", later));
        post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder");
        Map<String, String> answers = new java.util.HashMap<>(Map.of("faglig_kvalitet", "2", "sammenhaeng", "3",
                "omkostningseffektiv", "ja", "kompensation", "passende", "barnets_syn", "2", "foraeldrenes_syn", "3"));
        submitAll(T, "cia", answers);
        answers.put("kompensation", "underkompensation");
        submitAll(T, "dan", answers);
        // A finding of the first reviewer's, which the validator must see beside the final assessment.
        String ciaWork = tree(dk.gennemsyn.testsupport.Http.call(http.toBlocking(), io.micronaut.http.HttpRequest.GET(
                "/assessment/api/assignments").bearerAuth(reviewerToken(T, "cia")))).get("items").values().iterator().next()
                .get("id").getStringValue();
        assertThat(dk.gennemsyn.testsupport.Http.call(http.toBlocking(), io.micronaut.http.HttpRequest.POST(
                "/assessment/api/assignments/" + ciaWork + "/findings", Map.of("category", "Handleplan", "severity", "major",
                        "text", "Handleplanen mangler mål for skolegang", "budgetRelevant", true, "expectedYearlyKr", 85000))
                .bearerAuth(reviewerToken(T, "cia"))).status()).isEqualTo(201);
        try (BrowserContext staff = signedIn(TestTokens.token(T, "projektleder"))) {
            Page page = staff.newPage();
            page.navigate(url("/assessment/reviews/" + review));
            // One case reviewed twice: the agreement says what it measures, and that n = 1 is too few to mean much.
            assertThat(page.locator("#agreement-explained").textContent()).contains("tilfældet");
            assertThat(page.locator("#agreement-few").textContent()).contains("Kun 1 sager");
            assertThat(page.locator("tr.agreement-row[data-question=kompensation] td.n").textContent()).isEqualTo("1");
            page.click("text=Sammenlign");
            assertThat(page.locator("#disagreement-count").textContent()).isEqualTo("1");
            Locator row = page.locator("tr.disagree[data-question=kompensation]");
            // No answer is chosen for the moderator, and none can be saved without one.
            assertThat(row.locator("select").inputValue()).isEmpty();
            assertThat(row.locator("select").getAttribute("required")).isNotNull();
            row.locator("select").selectOption("underkompensation");
            row.locator("textarea[name=reason]").fill("Indsatsen dækker ikke behovet");
            row.locator("button:has-text('Moderér')").click();
            assertThat(page.locator("[data-question=kompensation] .final-answer").textContent())
                    .isEqualTo("Underkompensation (modereret)");
        }
        // The validator: told in the work list, sees the findings, disagrees (kept through an error and a reload).
        try (BrowserContext validator = signedIn(TestTokens.token(T, "validator"))) {
            Page page = validator.newPage();
            page.navigate(url("/assessment/"));
            Locator mine = page.locator("#to-validate a[href$='" + review + "/validation']");
            assertThat(mine.textContent()).contains("1 sag klar til validering");
            mine.click();
            assertThat(page.locator("#validated").textContent()).isEqualTo("0 af 1");
            Locator card = page.locator("div.final[data-case='Sag 1']");
            assertThat(card.locator("table.findings").textContent()).contains("Handleplanen mangler mål for skolegang")
                    .contains("Væsentlig").contains("85.000 kr.");
            assertThat(card.locator("input[value=agree]").isChecked()).as("no verdict chosen for the validator").isFalse();
            assertThat(card.locator("label[for^=comment-]").textContent()).contains("Kommentar");
            card.locator("input[value=disagree]").check();
            card.locator("button:has-text('Gem validering')").click();
            card = page.locator("div.final[data-case='Sag 1']");
            // The error is at the comment, and the choice is kept.
            assertThat(card.locator("textarea + p.field-error").textContent()).contains("hvorfor du er uenig");
            assertThat(card.locator("input[value=disagree]").isChecked()).isTrue();
            card.locator("textarea[name=comment]").fill("Sagen mangler en børnefaglig undersøgelse");
            card.locator("button:has-text('Gem validering')").click();
            // The post's answer first: a reload while it is on its way loses the page.
            page.waitForSelector("div.final[data-case='Sag 1'] .final-status:has-text('sendt tilbage')");
            // Uenig sends the case back to its reviewer with the note; it is not validated, and survives a reload.
            page.reload();
            card = page.locator("div.final[data-case='Sag 1']");
            assertThat(card.locator(".final-status").textContent()).contains("Valideret: uenig")
                    .contains("sendt tilbage").contains("Sagen mangler en børnefaglig undersøgelse");
            assertThat(page.locator("#validated").textContent()).isEqualTo("0 af 1");
            assertThat(page.locator("#locked").count()).isZero();

            // The reviewer sees the note on the form and submits again.
            String note = tree(dk.gennemsyn.testsupport.Http.call(http.toBlocking(), io.micronaut.http.HttpRequest.GET(
                    "/assessment/api/assignments/" + ciaWork).bearerAuth(reviewerToken(T, "cia")))).get("returnedWith")
                    .getStringValue();
            assertThat(note).isEqualTo("Sagen mangler en børnefaglig undersøgelse");
            answers.put("kompensation", "passende");
            submitAll(T, "cia", answers);

            // Ready again: the form shows the saved verdict (Uenig, with its comment) until the validator changes it.
            page.reload();
            card = page.locator("div.final[data-case='Sag 1']");
            assertThat(card.locator(".final-status").textContent()).contains("indsendt igen");
            assertThat(card.locator("input[value=disagree]").isChecked()).isTrue();
            assertThat(card.locator("input[value=agree]").isChecked()).isFalse();
            assertThat(card.locator("textarea[name=comment]").inputValue()).isEqualTo("Sagen mangler en børnefaglig undersøgelse");
            card.locator("input[value=agree]").check();
            card.locator("textarea[name=comment]").fill("");
            card.locator("button:has-text('Gem validering')").click();
            assertThat(page.locator("#validated").textContent()).isEqualTo("1 af 1");
            assertThat(page.locator("#locked").textContent()).contains("Låst");
            page.click("text=Vis ændringer");
            // In Danish, by name, with the questions' texts: no raw maps or action codes.
            assertThat(page.locator("#history").textContent()).contains("Modereret").contains("Valideret: uenig")
                    .contains("Sendt tilbage til sagsgennemgåeren").contains("Valideret: enig")
                    .contains("Hvordan er den faglige kvalitet af sagsbehandlingen?").doesNotContain("{")
                    .doesNotContain("validated:").contains("Indsatsen dækker ikke behovet");
        }
    }
}
