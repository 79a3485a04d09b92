package dk.gennemsyn.notifications.delivery;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TcpProxy;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mailer keeps its SMTP connection while mail flows (a session per batch cost the server a setup, with STARTTLS a
 * handshake, every few mails) and closes it after a quiet poll interval. Counted by a TCP proxy in front of GreenMail.
 */
@MicronautTest(transactional = false)
class MailerConnectionTest extends NotificationsTest {

    static final String T = "0250";
    TcpProxy proxy;

    @Override
    protected Map<String, String> overrides() {
        Map<String, String> p = new HashMap<>(super.overrides());
        proxy = new TcpProxy("127.0.0.1", Integer.parseInt(p.get("gennemsyn.smtp.port")));
        p.put("gennemsyn.smtp.port", String.valueOf(proxy.port()));
        p.put("gennemsyn.mail.poll-interval", "1s");
        return p;
    }

    @AfterAll
    void closeProxy() {
        proxy.close();
    }

    void urgent(String review, String alias) {
        send(T, "c", UrgentConcernRaised.newBuilder().setFindingId(UUID.randomUUID().toString()).setReviewId(review)
                .setCaseId(UUID.randomUUID().toString()).setAlias(alias).setRaisedBy("r").build(), 1);
    }

    @Test
    void oneConnectionCarriesMailThatFlowsAndIsClosedWhenItStops() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("tov", "tovholder", "tov@halsnaes.example"))));
        Eventually.await(Duration.ofSeconds(10), "no SMTP connection open", () -> proxy.openConnections() == 0);
        int before = proxy.accepted();
        for (int i = 1; i <= 3; i++) { // three alerts, each its own transaction and mailer batch
            urgent(review, "Sag " + i);
            awaitMails(i, "tov@halsnaes.example");
        }
        assertThat(proxy.accepted() - before).as("SMTP connections opened for three batches").isEqualTo(1);
        Eventually.await(Duration.ofSeconds(10), "the idle connection closed", () -> proxy.openConnections() == 0);
        urgent(review, "Sag 4");
        awaitMails(4, "tov@halsnaes.example");
        assertThat(proxy.accepted() - before).as("a new connection after the quiet spell").isEqualTo(2);
    }
}
