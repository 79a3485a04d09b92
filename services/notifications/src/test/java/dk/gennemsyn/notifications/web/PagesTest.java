package dk.gennemsyn.notifications.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox, preferences and the administrator's pages in Chromium. */
@MicronautTest(transactional = false)
class PagesTest extends NotificationsTest {

    static final String T = "0573";

    BrowserContext signedIn(String token) {
        return browser().signedIn(token);
    }

    @Test
    void aReviewerReadsTheInboxMarksAMessageReadAndMutesAReview() {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("ida", "reviewer", "ida@konsulent.example"))));
        givenReview(T, review(UUID.randomUUID().toString(), 1, List.of(person("bo", "reviewer", "bo@konsulent.example")))
                .setTitle("Fortrolig gennemgang"));
        for (String alias : List.of("Sag 1", "Sag 2")) {
            send(T, review, AssessmentAssigned.newBuilder().setAssignmentId(UUID.randomUUID().toString())
                    .setReviewId(review).setCaseId(UUID.randomUUID().toString()).setAlias(alias).setReviewer("ida")
                    .setRound(1).build(), 1);
        }
        Eventually.await(Duration.ofSeconds(10), "two messages", () -> count(
                "select count(*) from messages where recipient = 'ida'") == 2);
        try (BrowserContext ctx = signedIn(tokenFor(T, "ida", "reviewer"))) {
            Page page = ctx.newPage();
            page.navigate(url("/notifications/"));
            assertThat(page.locator("#unread-count").textContent()).isEqualTo("2");
            assertThat(page.locator("tr.message-row .subject").allTextContents())
                    .containsExactlyInAnyOrder("Sag 1 er fordelt til dig (runde 1)", "Sag 2 er fordelt til dig (runde 1)");
            // The header's count comes from the same service here (one origin).
            page.waitForFunction("() => document.getElementById('inbox-unread').textContent === '2'");
            page.locator("tr.message-row").first().locator("summary").click();
            assertThat(page.locator("tr.message-row").first().locator(".message-body").textContent())
                    .contains("Åbn vurderingen her:");
            page.locator("tr.message-row").first().locator("button:has-text('Markér som læst')").click();
            page.waitForLoadState();
            assertThat(page.url()).isEqualTo(url("/notifications/"));
            assertThat(page.locator("#unread-count").textContent()).isEqualTo("1");
            page.click("text=Kun ulæste");
            assertThat(page.locator("tr.message-row").count()).isEqualTo(1);

            page.click("text=Mine indstillinger");
            page.selectOption("#digest", "weekly");
            page.getByLabel("Sagsgennemgang 2026").check();
            page.click("button:has-text('Gem indstillinger')");
            assertThat(page.locator("#saved").textContent()).contains("gemt");
            assertThat(page.locator("#digest").inputValue()).isEqualTo("weekly");
            assertThat(page.getByLabel("Sagsgennemgang 2026").isChecked()).isTrue();
            // Only her own reviews are offered: another review's title is not hers to know.
            assertThat(page.content()).contains("Sagsgennemgang 2026").doesNotContain("Fortrolig gennemgang");
        }
        assertThat(count("select count(*) from preferences where user_id = 'ida' and digest = 'weekly' and '"
                + review + "' = any(muted_reviews)")).isEqualTo(1);
    }

    @Test
    void theAdministratorChangesARuleRewritesATextWithPreviewAndReadsTheDeliveryLog() {
        String review = UUID.randomUUID().toString();
        // No e-mail address: the log shows the failed delivery.
        givenReview(T, review(review, 1, List.of(person("jon", "reviewer", ""))));
        send(T, review, AssessmentAssigned.newBuilder().setAssignmentId(UUID.randomUUID().toString())
                .setReviewId(review).setCaseId(UUID.randomUUID().toString()).setAlias("Sag 8").setReviewer("jon")
                .setRound(2).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "jon's message", () -> count(
                "select count(*) from messages where recipient = 'jon'") == 1);
        try (BrowserContext ctx = signedIn(tokenFor(T, "admin", "tenant-admin"))) {
            Page page = ctx.newPage();
            page.navigate(url("/notifications/admin"));
            var meeting = page.locator("tr.rule-row[data-trigger='reminder.meeting']");
            meeting.locator("input[name=offsetDays]").fill("7");
            meeting.locator("input[name=recipients][value=tovholder]").check();
            meeting.locator("button:has-text('Gem')").click();
            page.waitForLoadState();
            var saved = page.locator("tr.rule-row[data-trigger='reminder.meeting']");
            assertThat(saved.locator("input[name=offsetDays]").inputValue()).isEqualTo("7");
            assertThat(saved.locator("input[name=recipients][value=tovholder]").isChecked()).isTrue();
            assertThat(saved.locator("input[name=recipients][value=reviewer]").isChecked()).isTrue();

            page.click("text=Beskedtekster");
            page.click("#templates >> text=Sag fordelt til vurdering");
            page.fill("#subject", "Ny sag til dig: {{alias}}");
            page.fill("#body", "Hej {{recipient_name}}, {{alias}} venter i »{{review_title}}«: {{link}}");
            page.click("button:has-text('Vis eksempel')");
            assertThat(page.locator("#preview-subject").textContent()).isEqualTo("Ny sag til dig: Sag 17");
            assertThat(page.locator("#preview-body").textContent()).startsWith("Hej Tovholder (Eksempel), Sag 17 venter");
            // A field the type does not have is refused, with what it does have.
            page.fill("#subject", "Ny sag {{cpr}}");
            page.click("button:has-text('Gem tekst')");
            assertThat(page.locator("p.notice[role=alert]").textContent()).contains("{{cpr}} kan ikke bruges her")
                    .contains("{{alias}}");
            page.fill("#subject", "Ny sag til dig: {{alias}}");
            page.click("button:has-text('Gem tekst')");
            assertThat(page.locator("#saved").isVisible()).isTrue();

            page.navigate(url("/notifications/admin/deliveries?state=failed"));
            assertThat(page.locator("tr.delivery-row").first().textContent()).contains("jon", "Ingen e-mailadresse");
        }
        // The tenant's wording is what the next message uses.
        send(T, review, AssessmentAssigned.newBuilder().setAssignmentId(UUID.randomUUID().toString())
                .setReviewId(review).setCaseId(UUID.randomUUID().toString()).setAlias("Sag 9").setReviewer("jon")
                .setRound(1).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the new wording", () -> count(
                "select count(*) from messages where subject = 'Ny sag til dig: Sag 9'") == 1);
        assertThat(count("select count(*) from rules where trigger = 'reminder.meeting' and offset_days = 7")).isEqualTo(1);
    }
}
