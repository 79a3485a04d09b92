package dk.gennemsyn.notifications.delivery;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.notifications.messages.Digests;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery: retried while the SMTP server is down, never twice; digests bundle what is not urgent. */
@MicronautTest(transactional = false)
class DeliveryTest extends NotificationsTest {

    static final String T = "0250";

    @Inject Digests digests;

    @Test
    void whileTheSmtpServerIsDownNothingIsLostAndWhenItIsBackEachMailGoesOnce() throws Exception {
        String t = "0147"; // a tenant of its own: the log below is the tenant's
        String review = UUID.randomUUID().toString();
        givenReview(t, review(review, 1, List.of(person("tov", "tovholder", "tov@frederiksberg.example"))));
        smtp.stop();
        send(t, "c", UrgentConcernRaised.newBuilder().setFindingId(UUID.randomUUID().toString()).setReviewId(review)
                .setCaseId(UUID.randomUUID().toString()).setAlias("Sag 3").setRaisedBy("r").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "retries recorded", () -> count(
                "select count(*) from deliveries where channel = 'email' and state = 'retrying' and attempts >= 2") == 1);
        var log = tree(get("/notifications/api/admin/deliveries?state=retrying", t, "tenant-admin"));
        assertThat(log.get("total").getLongValue()).isEqualTo(1);
        assertThat(log.get("items").get(0).get("lastError").getStringValue()).isNotBlank();
        startSmtp();
        MimeMessage[] mails = awaitMails(1, "tov@frederiksberg.example");
        // Settled: nothing of the tenant's still waits to be sent (a second copy would have been sent by now).
        Eventually.await(Duration.ofSeconds(15), "every e-mail sent", () -> count("select count(*) from deliveries"
                + " where tenant = '0147' and state in ('pending', 'retrying')") == 0);
        assertThat(mails("tov@frederiksberg.example")).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("AKUT: bekymring for barnet i Sag 3");
        assertThat(count("select count(*) from deliveries where tenant = '0147' and channel = 'email' and state = 'sent'"))
                .isEqualTo(1);
    }

    @Test
    void aDailyDigestBundlesTheNonUrgentMailsOncePerDayButUrgentOnesGoAtOnce() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("dora", "projektleder", "dora@halsnaes.example"),
                person("dora", "tovholder", "dora@halsnaes.example"))));
        as(T, "dora", HttpRequest.PUT("/notifications/api/preferences", Map.of("email", true, "digest", "daily"))
                .header("If-Match", "\"v0\""), "projektleder");
        for (String alias : List.of("Sag 1", "Sag 2")) {
            send(T, review, SecondReviewCompleted.newBuilder().setReviewId(review).setCaseId(UUID.randomUUID().toString())
                    .setAlias(alias).build(), 1);
        }
        send(T, "c", UrgentConcernRaised.newBuilder().setFindingId(UUID.randomUUID().toString()).setReviewId(review)
                .setCaseId(UUID.randomUUID().toString()).setAlias("Sag 7").setRaisedBy("r").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "two waiting for the digest", () -> count(
                "select count(*) from messages where digest_state = 'pending'") == 2);
        MimeMessage[] urgent = awaitMails(1, "dora@halsnaes.example");
        assertThat(urgent[0].getSubject()).startsWith("AKUT");
        smtp.purgeEmailFromAllMailboxes();

        ZonedDateTime morning = ZonedDateTime.parse("2026-12-03T06:30:00+01:00[Europe/Copenhagen]");
        assertThat(digests.run(T, morning)).isZero(); // before 7 o'clock
        assertThat(digests.run(T, morning.plusHours(1))).isEqualTo(1);
        assertThat(digests.run(T, morning.plusHours(2))).isZero();
        MimeMessage[] digest = awaitMails(1, "dora@halsnaes.example");
        assertThat(digest).hasSize(1);
        assertThat(digest[0].getSubject()).isEqualTo("Gennemsyn: 2 nye beskeder");
        assertThat(text(digest[0])).contains("· Begge vurderinger af Sag 1 er indsendt",
                "· Begge vurderinger af Sag 2 er indsendt", "https://gennemsyn.example/notifications/");
        // A third one after today's digest waits for tomorrow's.
        send(T, review, SecondReviewCompleted.newBuilder().setReviewId(review).setCaseId(UUID.randomUUID().toString())
                .setAlias("Sag 3").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the third waiting", () -> count(
                "select count(*) from messages where digest_state = 'pending'") == 1);
        assertThat(digests.run(T, morning.plusHours(5))).isZero();
        assertThat(digests.run(T, morning.plusDays(1).plusHours(1))).isEqualTo(1);
        Eventually.await(Duration.ofSeconds(10), "both digests sent", () -> count(
                "select count(*) from deliveries where recipient = 'dora' and kind = 'digest' and state = 'sent'") == 2);
    }

    @Test
    void aWeeklyDigestGoesOnMondays() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview("0330", review(review, 1, List.of(person("eva", "reviewer", "eva@konsulent.example"))));
        as("0330", "eva", HttpRequest.PUT("/notifications/api/preferences", Map.of("email", true, "digest", "weekly"))
                .header("If-Match", "\"v0\""), "reviewer");
        send("0330", review, AssessmentAssigned.newBuilder().setAssignmentId(UUID.randomUUID().toString())
                .setReviewId(review).setCaseId(UUID.randomUUID().toString()).setAlias("Sag 4").setReviewer("eva")
                .setRound(1).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "waiting for the digest", () -> count(
                "select count(*) from messages where digest_state = 'pending' and recipient = 'eva'") == 1);
        ZonedDateTime now = ZonedDateTime.now(java.time.ZoneId.of("Europe/Copenhagen"));
        ZonedDateTime notMonday = now.plusDays(now.getDayOfWeek() == java.time.DayOfWeek.SUNDAY ? 2 : 1);
        assertThat(digests.run("0330", notMonday)).isZero();
        // The Monday within the week the message waits: one that has waited a week goes out whatever the hour (the
        // catch-up after a missed Monday), so on a Monday night "next Monday, 6 o'clock" would be too late to test.
        ZonedDateTime monday = (now.getDayOfWeek() == java.time.DayOfWeek.MONDAY ? now
                : now.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))).withHour(9);
        assertThat(digests.run("0330", monday.withHour(6))).isZero(); // before 7 o'clock
        assertThat(digests.run("0330", monday)).isEqualTo(1);
        assertThat(digests.run("0330", monday.plusHours(1))).isZero();
        assertThat(awaitMails(1, "eva@konsulent.example")[0].getSubject()).isEqualTo("Gennemsyn: 1 ny besked");
    }
}
