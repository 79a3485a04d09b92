package dk.gennemsyn.recommendations.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dk.gennemsyn.recommendations.RecommendationsTest;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** From finding to follow-up in Chromium: recommendation, decision, hearing, plan, meeting, economics. */
@MicronautTest(transactional = false)
class PagesTest extends RecommendationsTest {

    static final String T = "0330";

    BrowserContext as(String user, String role) {
        return browser().signedIn(TestTokens.sign(TestTokens.claims(T, role).subject(user).build()));
    }

    @Test
    void theHomePageIsInTheSharedLayoutAndOnlyForSignedInUsers() {
        var anonymous = Http.call(http.toBlocking(), HttpRequest.GET("/recommendations/").accept(MediaType.TEXT_HTML));
        assertThat(anonymous.status()).isIn(302, 303);
        assertThat(anonymous.headers().get("Location")).isEqualTo("/recommendations/login");
        var page = Http.call(http.toBlocking(), HttpRequest.GET("/recommendations/").accept(MediaType.TEXT_HTML)
                .bearerAuth(TestTokens.token(T, "styregruppe")));
        assertThat(page.body()).contains("Anbefalinger og handleplaner", "href=\"/intake/\"", "/recommendations/static/gennemsyn.css");
    }

    @Test
    void aRecommendationIsWrittenOnItsEvidenceDecidedHeardAndTurnedIntoAPlanThatIsFollowedUp() {
        String review = givenReview(T, person("pl", "projektleder"), person("tov", "tovholder"), person("leder", "validator"),
                person("sg", "styregruppe"));
        givenFinding(T, review, "Sag 4", "Børnesamtale mangler");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        try (BrowserContext ctx = as("pl", "projektleder")) {
            Page page = ctx.newPage();
            page.navigate(url("/recommendations/"));
            page.click("#reviews a[href$='" + review + "']");
            page.fill("#r-title", "Hold børnesamtalen før hver afgørelse");
            page.selectOption("#r-theme", "inddragelse");
            page.fill("#r-body", "Barnets synspunkter skal indhentes og dokumenteres.");
            page.getByLabel("Sag 4: Børnesamtale mangler (væsentlig)").check();
            page.click("button:has-text('Opret anbefaling')");
            var card = page.locator(".card[data-code=A1]");
            assertThat(card.locator(".rec-title").textContent()).isEqualTo("Hold børnesamtalen før hver afgørelse");
            assertThat(card.locator("ul.evidence li").allTextContents()).containsExactly("Sag 4: Børnesamtale mangler");
            // A decision without its meeting's date is not taken (the browser insists; so does the server).
            card.locator("select[name=decision]").selectOption("accepted");
            card.locator("input[name=reason]").fill("Styregruppen tilslutter sig");
            card.locator("input[name=meetingDate]").fill("2019-10-07");
            card.locator("button:has-text('Registrér beslutning')").click();
            assertThat(page.locator(".card[data-code=A1] .decision").textContent()).contains("Vedtaget", "07-10-2019",
                    "Styregruppen tilslutter sig");

            // Hearing: the note with the recommendation to the leader.
            page.click("nav.subnav >> text=Høringer");
            page.fill("#h-title", "Notat om børnesamtaler");
            page.fill("#h-body", "Første udkast\nAnden linje");
            page.getByLabel("A1 Hold børnesamtalen før hver afgørelse").check();
            page.getByLabel("validator leder (validator)").check();
            page.click("button:has-text('Send i høring')");
            page.waitForURL("**/recommendations/hearings/*");
            assertThat(page.locator("#hearing-state").textContent()).isEqualTo("I høring");
        }
        String hearingUrl;
        try (BrowserContext ctx = as("leder", "validator")) {
            Page page = ctx.newPage();
            page.navigate(url("/recommendations/reviews/" + review + "/hearings"));
            page.click("#hearings a");
            hearingUrl = page.url();
            page.fill("#c-general", "Fint notat");
            page.locator("textarea[name^=c-]").first().fill("Husk også unge over 15");
            page.click("button:has-text('Afgiv høringssvar')");
            assertThat(page.locator("tr.comment-row").count()).isEqualTo(2);
        }
        try (BrowserContext ctx = as("pl", "projektleder")) {
            Page page = ctx.newPage();
            page.navigate(hearingUrl);
            for (int i = 0; i < 2; i++) {
                var row = page.locator("tr.comment-row").nth(i);
                row.locator("select[name=handling]").selectOption("accepted");
                row.locator("button:has-text('Gem')").click();
            }
            page.fill("#v-body", "Første udkast\nAnden linje, rettet efter høring");
            page.fill("#v-note", "Unge over 15 nævnt");
            page.click("button:has-text('Offentliggør ny version')");
            assertThat(page.locator("#hearing-state").textContent()).isEqualTo("Afsluttet");
            assertThat(page.locator("pre.diff .diff-added").textContent()).contains("Anden linje, rettet efter høring");
            assertThat(page.locator("pre.diff .diff-removed").textContent()).contains("Anden linje");

            // The plan: a focus area from the accepted recommendation, an action with an indicator, started.
            page.click("nav.subnav >> text=Handleplan");
            page.fill("#fa-title", "Inddragelse");
            page.getByLabel("A1 Hold børnesamtalen før hver afgørelse").check();
            page.click("button:has-text('Opret indsatsområde')");
            page.fill("#fa-title", "Faglig udredning");
            page.click("button:has-text('Opret indsatsområde')");
            var second = page.locator(".focus-area[data-priority='2']");
            second.locator("button:has-text('Højere prioritet')").click();
            assertThat(page.locator(".focus-area[data-priority='1'] .area-title").textContent()).isEqualTo("Faglig udredning");
            var area = page.locator(".focus-area:has-text('Inddragelse')");
            area.locator("summary:has-text('Ny handling')").click();
            area.locator(".new-action input[name=title]").fill("Børnesamtale i alle sager");
            area.locator(".new-action select[name=owner]").selectOption("tov");
            area.locator(".new-action input[name=dueDate]").fill(today.plusDays(90).toString());
            area.locator(".new-action input[name=indicator]").fill("Sager med børnesamtale");
            area.locator(".new-action input[name=unit]").fill("%");
            area.locator(".new-action input[name=baseline]").fill("40");
            area.locator(".new-action input[name=target]").fill("95");
            area.locator("button:has-text('Opret handling')").click();
            var action = page.locator("tr.action-row:has-text('Børnesamtale i alle sager')");
            action.locator("select[name=status]").selectOption("in_progress");
            action.locator("button:has-text('Skift status')").click();
            action = page.locator("tr.action-row:has-text('Børnesamtale i alle sager')");
            assertThat(action.locator(".status").textContent()).isEqualTo("I gang");
            action.locator("input[name=value]").fill("55");
            action.locator("button:has-text('Registrér måling')").click();
            action = page.locator("tr.action-row:has-text('Børnesamtale i alle sager')");
            assertThat(action.locator(".indicator").textContent()).contains("55 %", "fra 40 mod 95");
            assertThat(action.getAttribute("data-health")).isEqualTo("on_track");

            // A follow-up meeting with its agenda and minutes.
            page.click("nav.subnav >> text=Møder");
            page.selectOption("#m-kind", "styregruppe");
            page.fill("#m-date", today.plusDays(14).toString());
            page.fill("#m-start", "13:00");
            page.fill("#m-end", "15:00");
            page.fill("#m-place", "Rådhuset, lokale 2");
            page.click("button:text-is('Planlæg')");
            page.click("#meetings a");
            assertThat(page.locator("#meeting-when").textContent()).contains("kl. 13.00-15.00");
            assertThat(page.locator("#meeting-place").textContent()).isEqualTo("Rådhuset, lokale 2");
            // The minutes cannot be approved before the meeting is held; moved to today, all day, they can.
            assertThat(page.locator("#approval-later").count()).isEqualTo(1);
            assertThat(page.locator("button:has-text('Godkend referatet')").count()).isZero();
            page.click("#edit-meeting summary");
            page.fill("#e-date", today.toString());
            page.fill("#e-start", "");
            page.fill("#e-end", "");
            page.click("button:has-text('Gem og send invitationen igen')");
            assertThat(page.locator("#meeting-when").textContent()).doesNotContain("kl.");
            page.click("#meeting-changes summary");
            assertThat(page.locator("#meeting-changes .change-row").count()).isEqualTo(2); // the day, and the time
            assertThat(page.locator("#meeting-changes").textContent()).contains("13:00-15:00").contains("Hele dagen");
            page.fill("#d-body", "Status på inddragelse godkendt");
            page.click("button:has-text('Registrér beslutning')");
            assertThat(page.locator(".meeting-decision").textContent()).isEqualTo("Status på inddragelse godkendt");
            page.click("button:has-text('Godkend referatet')");
            assertThat(page.locator("#minutes-state").textContent()).startsWith("Godkendt");

            // The project's economics.
            page.click("nav.subnav >> text=Økonomi");
            page.fill("input[placeholder^='Ny aktivitet']", "Sagsgennemgang");
            page.fill("#activities ~ form input[name=budgetKr]", "150000");
            page.click("button:has-text('Tilføj aktivitet')");
            assertThat(page.locator("#budget-kr").textContent()).isEqualTo("150.000");
            page.fill("form[action$='savings-targets'] input[name=year]", "2019");
            page.fill("form[action$='savings-targets'] input[name=targetKr]", "2100000");
            page.click("button:has-text('Sæt besparelsesmål')");
            assertThat(page.locator("tr.year-row .gap").textContent()).isEqualTo("2.100.000");
        }
    }

    @Test
    void aChangeRefusedAsStaleKeepsWhatWasTypedAndIsRefusedAgainUntilReloaded() {
        String review = givenReview(T, person("pl", "projektleder"));
        String rec = tree(post("/recommendations/api/reviews/" + review + "/recommendations",
                java.util.Map.of("title", "Tilsyn"), T, "projektleder")).get("id").getStringValue();
        try (BrowserContext ctx = as("pl", "projektleder")) {
            Page page = ctx.newPage();
            page.navigate(url("/recommendations/recommendations/" + rec));
            // Someone else changes it meanwhile.
            assertThat(as(T, "anden", HttpRequest.PUT("/recommendations/api/recommendations/" + rec,
                    java.util.Map.of("title", "Tilsyn hver måned")).header("If-Match", "\"v1\""), "projektleder").status())
                    .isEqualTo(200);
            page.fill("#e-title", "Tilsyn hver uge");
            page.click("#edit-recommendation button:has-text('Gem ændringerne')");
            assertThat(page.locator("p.notice[role=alert]").textContent()).contains("ændret af en anden");
            assertThat(page.inputValue("#e-title")).isEqualTo("Tilsyn hver uge");
            // Saved again as it stands, it is still the stale version: refused, the other change stays.
            page.click("#edit-recommendation button:has-text('Gem ændringerne')");
            assertThat(page.locator("p.notice[role=alert]").textContent()).contains("ændret af en anden");
        }
        assertThat(tree(get("/recommendations/api/recommendations/" + rec, T, "projektleder")).get("title")
                .getStringValue()).isEqualTo("Tilsyn hver måned");
    }

    @Test
    void aBadFormIsAClearMessageAndNothingIsLost() {
        String review = givenReview(T, person("pl", "projektleder"));
        try (BrowserContext ctx = as("pl", "projektleder")) {
            Page page = ctx.newPage();
            page.navigate(url("/recommendations/reviews/" + review));
            page.fill("#r-title", "Barnet med cpr 010150-1234 skal tales med");
            page.fill("#r-body", "Samtalen holdes før afgørelsen, også i de akutte sager.");
            page.selectOption("#r-theme", "inddragelse");
            page.click("button:has-text('Opret anbefaling')");
            assertThat(page.locator("p.notice[role=alert]").textContent()).contains("CPR");
            // The server echoes nothing of it; the browser gives back what was typed, the error beside its field.
            assertThat(page.content()).doesNotContain("010150");
            assertThat(page.inputValue("#r-body")).isEqualTo("Samtalen holdes før afgørelsen, også i de akutte sager.");
            assertThat(page.inputValue("#r-theme")).isEqualTo("inddragelse");
            assertThat(page.getAttribute("#r-title", "aria-invalid")).isEqualTo("true");
            assertThat(page.locator("#r-title + .field-error").textContent()).contains("CPR");
            assertThat(page.evaluate("document.activeElement.id")).isEqualTo("r-title");
            // Only once: the next page starts empty.
            page.navigate(url("/recommendations/reviews/" + review));
            assertThat(page.inputValue("#r-body")).isEmpty();
        }
        assertThat(count("select count(*) from recommendations where review_id = '" + review + "'")).isZero();
    }

    @Test
    void closingAHearingBeforeItsDeadlineNamesWhoHasNotAnsweredAndNeedsConfirmation() {
        String review = givenReview(T, person("pl", "projektleder"), person("leder5", "validator"), person("leder6", "validator"));
        var opened = post("/recommendations/api/reviews/" + review + "/hearings", java.util.Map.of("title", "Notat",
                "body", "Udkast", "respondents", java.util.List.of("leder5", "leder6"), "workingDays", 10), T, "projektleder");
        String id = tree(opened).get("id").getStringValue();
        assertThat(as(T, "leder5", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                java.util.Map.of("comments", java.util.List.of(java.util.Map.of("body", "Enig")))), "validator").status())
                .isEqualTo(200);
        String comment = tree(get("/recommendations/api/hearings/" + id, T, "projektleder")).get("comments").get(0)
                .get("id").getStringValue();
        post("/recommendations/api/hearings/comments/" + comment + "/handling", java.util.Map.of("handling", "noted"),
                T, "projektleder");
        try (BrowserContext ctx = as("pl", "projektleder")) {
            Page page = ctx.newPage();
            page.navigate(url("/recommendations/hearings/" + id));
            assertThat(page.locator("#early-close").textContent()).contains("validator leder6").doesNotContain("leder5")
                    .contains("har ikke svaret");
            page.fill("#v-body", "Endelig version");
            // Not confirmed: the browser keeps the form (the box is required), and the hearing stays open.
            page.click("button:has-text('Offentliggør ny version')");
            assertThat(page.locator("#hearing-state").textContent()).isEqualTo("I høring");
            page.check("#close-early");
            page.click("button:has-text('Offentliggør ny version')");
            assertThat(page.locator("#hearing-state").textContent()).isEqualTo("Afsluttet");
            assertThat(page.locator("#early-close").count()).isZero();
        }
    }

    @Test
    void anActionCreatedWithoutAnIndicatorGetsOneLaterFromThePlanPage() {
        String review = givenReview(T, person("pl", "projektleder"), person("tov", "tovholder"));
        String rec = tree(post("/recommendations/api/reviews/" + review + "/recommendations",
                java.util.Map.of("title", "Børnesamtaler"), T, "projektleder")).get("id").getStringValue();
        post("/recommendations/api/recommendations/" + rec + "/decisions", java.util.Map.of("decision", "accepted",
                "reason", "Ja", "meetingDate", LocalDate.now(ZoneId.of("Europe/Copenhagen")).toString()), T, "projektleder");
        String area = tree(post("/recommendations/api/reviews/" + review + "/focus-areas", java.util.Map.of("title",
                "Inddragelse", "recommendationIds", java.util.List.of(rec)), T, "projektleder")).get("id").getStringValue();
        String action = tree(post("/recommendations/api/focus-areas/" + area + "/actions", java.util.Map.of("title",
                "Børnesamtale i alle sager", "owner", "tov", "dueDate",
                LocalDate.now(ZoneId.of("Europe/Copenhagen")).plusDays(60).toString()), T, "tovholder")).get("id").getStringValue();
        try (BrowserContext ctx = as("tov", "tovholder")) {
            Page page = ctx.newPage();
            page.navigate(url("/recommendations/reviews/" + review + "/plan"));
            var row = page.locator("#action-" + action);
            assertThat(row.textContent()).contains("Ingen indikator");
            row.locator("summary:has-text('tilføj indikator')").click();
            row.locator("input[name=indicator]").fill("Sager med børnesamtale før afgørelsen");
            row.locator("input[name=unit]").fill("%");
            row.locator("input[name=baseline]").fill("40");
            row.locator("input[name=target]").fill("95,5");
            row.locator("button:has-text('Gem ændringerne')").click();
            assertThat(page.locator("#action-" + action + " .indicator").textContent())
                    .contains("Sager med børnesamtale før afgørelsen").contains("fra 40 mod 95,5");
            // A value the form cannot read is refused beside its field, and what was typed stays.
            row = page.locator("#action-" + action);
            row.locator("summary:has-text('Ret handlingen')").click();
            row.locator("input[name=title]").fill("Børnesamtale i alle sager, også de korte");
            row.locator("input[name=target]").fill("95 procent");
            row.locator("button:has-text('Gem ændringerne')").click();
            row = page.locator("#action-" + action);
            assertThat(row.locator(".field-error").textContent()).isNotBlank();
            assertThat(row.locator("input[name=target]").inputValue()).isEqualTo("95 procent");
            assertThat(row.locator("input[name=title]").inputValue()).isEqualTo("Børnesamtale i alle sager, også de korte");
            // The action's own page: what changed, by whom, with the Danish values.
            page.click("#action-" + action + " a.action-title");
            assertThat(page.locator("#changes .change-row").count()).isEqualTo(4); // indicator, unit, baseline, target
            assertThat(page.locator("#changes").textContent()).contains("95,5").contains("tovholder tov");
        }
        // A second change from a page loaded before the first is refused, not applied over it.
        var stale = call(HttpRequest.POST("/recommendations/actions/" + action, "title=Andet&owner=tov&dueDate="
                + LocalDate.now(ZoneId.of("Europe/Copenhagen")).plusDays(60) + "&version=1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML_TYPE), T, "tovholder");
        assertThat(stale.status()).isIn(409, 412);
        assertThat(tree(get("/recommendations/api/actions/" + action, T, "tovholder")).get("title").getStringValue())
                .isEqualTo("Børnesamtale i alle sager");
    }
}
