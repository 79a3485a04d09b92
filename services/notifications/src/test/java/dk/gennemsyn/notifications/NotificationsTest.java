package dk.gennemsyn.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewMilestone;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import dk.gennemsyn.testsupport.ApiTest;
import dk.gennemsyn.testsupport.Deliveries;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestTokens;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Base for notifications' tests: the service on the real servers, and a real SMTP server (GreenMail) on its own port.
 * Retries and polling are fast; the schedulers stay out of the way (tests run them for a chosen day).
 */
public abstract class NotificationsTest extends ApiTest {

    protected GreenMail smtp;
    @jakarta.inject.Inject protected io.micrometer.core.instrument.MeterRegistry meters;
    private int smtpPort;

    @Override
    protected String service() {
        return "notifications";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.notifications.v1";
    }

    @Override
    protected Map<String, String> overrides() {
        smtpPort = freePort();
        startSmtp();
        return Map.of("gennemsyn.smtp.host", "127.0.0.1", "gennemsyn.smtp.port", String.valueOf(smtpPort),
                "gennemsyn.smtp.timeout", "3s", "gennemsyn.mail.retry-base", "200ms", "gennemsyn.mail.poll-interval", "200ms",
                "gennemsyn.deadlines.initial-delay", "1h", "gennemsyn.digest.initial-delay", "1h",
                "gennemsyn.public-url", "https://gennemsyn.example");
    }

    protected void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        if (smtp.isRunning()) {
            smtp.purgeEmailFromAllMailboxes();
        }
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static ReviewPerson person(String id, String role, String email) {
        return ReviewPerson.newBuilder().setUserId(id).setName(role + " " + id).setRole(role).setEmail(email).build();
    }

    protected static ReviewMilestone milestone(String id, String kind, String title, String date) {
        return ReviewMilestone.newBuilder().setMilestoneId(id).setKind(kind).setTitle(title).setDate(date).build();
    }

    protected static Review.Builder review(String id, long version, List<ReviewPerson> people, ReviewMilestone... milestones) {
        return Review.newBuilder().setReviewId(id).setTitle("Sagsgennemgang 2026").setState("reviewing").setVersion(version)
                .addAllPeople(people).addAllMilestones(Arrays.asList(milestones));
    }

    /** The review as case-intake's ReviewCreated brings it, applied before returning. */
    protected void givenReview(String tenant, Review.Builder r) {
        send(tenant, r.getReviewId(), ReviewCreated.newBuilder().setReview(r).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the review copied", () -> count(
                "select count(*) from reviews where review_id = '" + r.getReviewId() + "' and version = " + r.getVersion()) == 1);
    }

    protected static String tokenFor(String tenant, String userId, String... roles) {
        return TestTokens.sign(TestTokens.claims(tenant, roles).subject(userId).build());
    }

    /**
     * The mails received so far for these addresses (all if none named). Tests share one SMTP server and mail is sent
     * asynchronously, so a test looks only at mail to its own addresses.
     */
    protected MimeMessage[] mails(String... addresses) {
        List<String> wanted = Arrays.asList(addresses);
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> wanted.isEmpty() || wanted.contains(address(m)))
                .toArray(MimeMessage[]::new);
    }

    /**
     * The signal that nothing more will be sent after a test's events (instead of a sleep): the consumer finished
     * {@code deliveries} more deliveries, and none of the tenant's e-mails still waits to be sent.
     */
    protected void awaitSettled(String tenant, Deliveries since, int deliveries) {
        since.await(deliveries, "the test's events");
        Eventually.await(Duration.ofSeconds(15), "every e-mail of " + tenant + " sent or given up", () -> count(
                "select count(*) from deliveries where tenant = '" + tenant + "' and state in ('pending', 'retrying')") == 0);
    }

    /** Counts the consumer's finished deliveries from now (see {@link #awaitSettled}). */
    protected Deliveries deliveries() {
        return Deliveries.from(meters);
    }

    /** Waits until at least n mails arrived for these addresses; returns them. */
    protected MimeMessage[] awaitMails(int n, String... addresses) {
        Eventually.await(Duration.ofSeconds(10), n + " e-mails to " + Arrays.toString(addresses),
                () -> mails(addresses).length >= n);
        return mails(addresses);
    }

    private static String address(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part of a mail. */
    protected static String text(MimeMessage m) {
        try {
            return (String) ((jakarta.mail.Multipart) m.getContent()).getBodyPart(0).getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls the API as this user (the token's subject). */
    protected dk.gennemsyn.testsupport.Http.Result as(String tenant, String user,
                                                     io.micronaut.http.MutableHttpRequest<?> request, String... roles) {
        return dk.gennemsyn.testsupport.Http.call(http.toBlocking(), request.bearerAuth(tokenFor(tenant, user, roles)));
    }

    protected static List<String> to(MimeMessage[] mails) {
        return Arrays.stream(mails).map(NotificationsTest::address).sorted().toList();
    }
}
