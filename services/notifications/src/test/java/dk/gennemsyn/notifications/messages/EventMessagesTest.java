package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Events in, messages out: who gets what, on which channel, once. */
@MicronautTest(transactional = false)
class EventMessagesTest extends NotificationsTest {

    static final String T = "0250";

    long unread(String tenant, String user) {
        return tree(as(tenant, user, HttpRequest.GET("/notifications/api/inbox/unread-count"), "tovholder"))
                .get("unread").getLongValue();
    }

    @Test
    void anUrgentConcernGoesAtOnceToTheCoordinatorAndLeadersOnceWithoutPersonalData() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("tov", "tovholder", "tov@halsnaes.example"),
                person("leder", "validator", "leder@halsnaes.example"), person("pl", "projektleder", "pl@halsnaes.example"),
                person("rev", "reviewer", "rev@konsulent.example"), person("sg", "styregruppe", "sg@halsnaes.example"))));
        String caseId = UUID.randomUUID().toString();
        // Delivered twice (a redelivery): one e-mail per person all the same.
        String finding = UUID.randomUUID().toString();
        var sent = deliveries();
        send(T, caseId, UrgentConcernRaised.newBuilder().setFindingId(finding).setReviewId(review)
                .setCaseId(caseId).setAlias("Sag 9").setRaisedBy("rev").build(), 2);
        String[] staff = {"leder@halsnaes.example", "pl@halsnaes.example", "tov@halsnaes.example",
                "rev@konsulent.example", "sg@halsnaes.example"};
        awaitMails(3, staff);
        awaitSettled(T, sent, 2);
        MimeMessage[] mails = mails(staff);
        assertThat(to(mails)).containsExactly("leder@halsnaes.example", "pl@halsnaes.example", "tov@halsnaes.example");
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("AKUT: bekymring for barnet i Sag 9");
        Multipart parts = (Multipart) mail.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        // The link leads to the finding's own page, where those told can read it.
        assertThat(text).contains("Sag 9", "»Sagsgennemgang 2026«", "https://gennemsyn.example/assessment/findings/" + finding);
        assertThat(html).contains("<a href=\"https://gennemsyn.example/assessment/findings/" + finding + "\">");
        assertThat(mail.getHeader("Message-ID")[0]).endsWith("@gennemsyn.dk>");
        // In the inbox too, and the delivery log has every delivery.
        assertThat(unread(T, "tov")).isEqualTo(1);
        assertThat(count("select count(*) from deliveries where channel = 'email' and state = 'sent' and urgent")).isEqualTo(3);
        assertThat(count("select count(*) from deliveries where channel = 'inbox'")).isEqualTo(3);
        assertThat(unread(T, "rev")).isZero();
        assertThat(unread("0330", "tov")).isZero();
        // Who was told and when, for the finding's page: the three, their e-mails sent, none read yet.
        var told = tree(get("/notifications/api/told?about=/assessment/findings/" + finding, T, "projektleder"));
        assertThat(told.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(told.get(i).get("emailState").getStringValue()).isEqualTo("sent");
            assertThat(told.get(i).get("readAt")).isNull();
        }
        assertThat(get("/notifications/api/told?about=/assessment/findings/" + finding, T, "reviewer").status()).isEqualTo(403);
        assertThat(get("/notifications/api/told?about=/assessment/findings/" + finding, "0330", "projektleder").body())
                .isEqualTo("[]");
        var page = io.micronaut.http.HttpRequest.GET("/notifications/told?about=/assessment/findings/" + finding)
                .accept(io.micronaut.http.MediaType.TEXT_HTML_TYPE);
        assertThat(call(page, T, "validator").body()).contains("Hvem har fået besked").contains("Sendt")
                .contains("Ikke læst endnu").contains("AKUT: bekymring for barnet i Sag 9");
    }

    @Test
    void anAssignmentGoesToTheAssignedReviewerOnlyAndAMutedReviewOrEmailOffIsRespected() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("anna", "reviewer", "anna@konsulent.example"),
                person("bo", "reviewer", "bo@konsulent.example"), person("pl2", "projektleder", "pl2@halsnaes.example"))));
        // Bo has e-mail off; Anna mutes nothing.
        var bo = as(T, "bo", HttpRequest.PUT("/notifications/api/preferences",
                Map.of("email", false, "digest", "none")).header("If-Match", "\"v0\""), "reviewer");
        assertThat(bo.status()).isEqualTo(200);
        var assigned = deliveries();
        assign(review, "anna", "Sag 1");
        assign(review, "bo", "Sag 2");
        String[] all = {"anna@konsulent.example", "bo@konsulent.example", "pl2@halsnaes.example"};
        MimeMessage[] mails = awaitMails(1, all);
        Eventually.await(Duration.ofSeconds(10), "bo's inbox", () -> unread(T, "bo") == 1);
        awaitSettled(T, assigned, 2);
        assertThat(to(mails(all))).containsExactly("anna@konsulent.example");
        assertThat(mails[0].getSubject()).isEqualTo("Sag 1 er fordelt til dig (runde 1)");
        var inbox = tree(as(T, "bo", HttpRequest.GET("/notifications/api/inbox"), "reviewer"));
        assertThat(inbox.get("items").get(0).get("subject").getStringValue()).isEqualTo("Sag 2 er fordelt til dig (runde 1)");
        assertThat(inbox.get("items").get(0).get("link").getStringValue())
                .startsWith("https://gennemsyn.example/assessment/assignments/");

        // Anna mutes the review: the next assignment reaches her nowhere; an urgent concern still does (if she is a
        // recipient of it: here the projektleder is, and has muted it too).
        smtp.purgeEmailFromAllMailboxes();
        String v = as(T, "anna", HttpRequest.GET("/notifications/api/preferences"), "reviewer").headers().get("ETag");
        as(T, "anna", HttpRequest.PUT("/notifications/api/preferences",
                Map.of("email", true, "digest", "none", "mutedReviews", List.of(review))).header("If-Match", v), "reviewer");
        as(T, "pl2", HttpRequest.PUT("/notifications/api/preferences",
                Map.of("email", true, "digest", "none", "mutedReviews", List.of(review))).header("If-Match", "\"v0\""),
                "projektleder");
        var muted = deliveries();
        assign(review, "anna", "Sag 3");
        send(T, "c", UrgentConcernRaised.newBuilder().setFindingId(UUID.randomUUID().toString()).setReviewId(review)
                .setCaseId(UUID.randomUUID().toString()).setAlias("Sag 4").setRaisedBy("anna").build(), 1);
        awaitMails(1, all);
        awaitSettled(T, muted, 2);
        assertThat(to(mails(all))).containsExactly("pl2@halsnaes.example");
        assertThat(unread(T, "anna")).isEqualTo(1); // Sag 1 only
    }

    @Test
    void anExpiredExternalReviewerIsNotReachedAndAPhaseChangeGoesToTheInboxOnly() throws Exception {
        String review = UUID.randomUUID().toString();
        var expired = person("old", "reviewer", "old@konsulent.example").toBuilder()
                .setAccessTo(Instant.now().minusSeconds(60).toString()).build();
        givenReview(T, review(review, 1, List.of(expired, person("tov3", "tovholder", "tov3@halsnaes.example"))));
        var phase = deliveries();
        assign(review, "old", "Sag 5");
        send(T, review, ReviewStateChanged.newBuilder().setFromState("reviewing").setToState("validating")
                .setReview(review(review, 2, List.of(expired, person("tov3", "tovholder", "tov3@halsnaes.example")))
                        .setState("validating")).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the phase change", () -> unread(T, "tov3") == 1);
        var item = tree(as(T, "tov3", HttpRequest.GET("/notifications/api/inbox"), "tovholder")).get("items").get(0);
        assertThat(item.get("subject").getStringValue()).isEqualTo("»Sagsgennemgang 2026« er nu i fasen Validering");
        assertThat(item.get("body").getStringValue()).contains("fra Sagsgennemgang til Validering");
        awaitSettled(T, phase, 2);
        assertThat(mails("old@konsulent.example", "tov3@halsnaes.example")).isEmpty();
        assertThat(unread(T, "old")).isZero();
        assertThat(count("select count(*) from messages where recipient = 'old'")).isZero();
    }

    @Test
    void aUserReadsAndMarksTheirOwnMessagesOnlyAndBadInputIsAClearError() {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("cy", "reviewer", "cy@konsulent.example"))));
        assign(review, "cy", "Sag 6");
        Eventually.await(Duration.ofSeconds(10), "cy's inbox", () -> unread(T, "cy") == 1);
        String id = tree(as(T, "cy", HttpRequest.GET("/notifications/api/inbox"), "reviewer")).get("items").get(0)
                .get("id").getStringValue();
        assertThat(as(T, "someone-else", HttpRequest.POST("/notifications/api/inbox/" + id + "/read", ""), "tovholder")
                .status()).isEqualTo(404);
        assertThat(as("0330", "cy", HttpRequest.POST("/notifications/api/inbox/" + id + "/read", ""), "reviewer")
                .status()).isEqualTo(404);
        assertThat(as(T, "cy", HttpRequest.POST("/notifications/api/inbox/" + id + "/read", ""), "reviewer").status())
                .isEqualTo(204);
        assertThat(unread(T, "cy")).isZero();
        assertThat(as(T, "cy", HttpRequest.GET("/notifications/api/inbox?size=500"), "reviewer").status()).isEqualTo(400);
        var bad = as(T, "cy", HttpRequest.PUT("/notifications/api/preferences", Map.of("email", true, "digest", "hourly"))
                .header("If-Match", "\"v0\""), "reviewer");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(tree(bad).get("field").getStringValue()).isEqualTo("digest");
        assertThat(as(T, "cy", HttpRequest.PUT("/notifications/api/preferences", Map.of("email", true, "digest", "none")),
                "reviewer").status()).isEqualTo(428);
    }

    void assign(String review, String reviewer, String alias) {
        send(T, review, AssessmentAssigned.newBuilder().setAssignmentId(UUID.randomUUID().toString()).setReviewId(review)
                .setCaseId(UUID.randomUUID().toString()).setAlias(alias).setReviewer(reviewer).setRound(1).build(), 1);
    }
}
