package dk.gennemsyn.notifications.messages;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review-integrity messages: validators told when a case is ready, the reviewer told (with the note) when a
 * validator sends it back, and the blind second reviewer never told of the first reviewer's urgent concern.
 */
@MicronautTest(transactional = false)
class ReviewIntegrityMessagesTest extends NotificationsTest {

    static final String T = "0250";

    @Test
    void validatorsHearOfAReadyCaseTheReviewerOfAReturnedOneAndABlindReviewerNothingOfTheUrgentConcern() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("val", "validator", "val@halsnaes.example"),
                person("pl3", "projektleder", "pl3@halsnaes.example"), person("ida", "reviewer", "ida@konsulent.example"),
                person("ole", "reviewer", "ole@konsulent.example"), person("ole", "projektleder", "ole@konsulent.example"))));
        String caseId = UUID.randomUUID().toString();
        send(T, caseId, dk.gennemsyn.proto.assessment.v1.CaseReadyForValidation.newBuilder().setReviewId(review)
                .setCaseId(caseId).setAlias("Sag 4").build(), 1);
        String[] all = {"val@halsnaes.example", "pl3@halsnaes.example", "ida@konsulent.example", "ole@konsulent.example"};
        MimeMessage ready = awaitMails(1, all)[0];
        assertThat(ready.getSubject()).isEqualTo("Sag 4 er klar til validering");
        assertThat(to(mails(all))).containsExactly("val@halsnaes.example");
        smtp.purgeEmailFromAllMailboxes();

        // Sent back: the first reviewer gets the validator's note.
        send(T, caseId, dk.gennemsyn.proto.assessment.v1.AssessmentReturned.newBuilder()
                .setAssignmentId(UUID.randomUUID().toString()).setReviewId(review).setCaseId(caseId).setAlias("Sag 4")
                .setReviewer("ida").setValidator("val").setNote("Børnesamtalen mangler i vurderingen").build(), 1);
        MimeMessage returned = awaitMails(1, all)[0];
        assertThat(to(mails(all))).containsExactly("ida@konsulent.example");
        assertThat(returned.getSubject()).isEqualTo("Sag 4 er sendt tilbage til dig");
        assertThat((String) ((Multipart) returned.getContent()).getBodyPart(0).getContent())
                .contains("Børnesamtalen mangler i vurderingen");
        smtp.purgeEmailFromAllMailboxes();

        // Ida raises an urgent concern while Ole's second review is blind: Ole (also projektleder) is not told.
        var urgent = deliveries();
        send(T, caseId, UrgentConcernRaised.newBuilder().setFindingId(UUID.randomUUID().toString()).setReviewId(review)
                .setCaseId(caseId).setAlias("Sag 4").setRaisedBy("ida").addWithheldFrom("ole").build(), 1);
        awaitMails(2, all);
        awaitSettled(T, urgent, 1);
        assertThat(to(mails(all))).containsExactly("pl3@halsnaes.example", "val@halsnaes.example");
    }
}
