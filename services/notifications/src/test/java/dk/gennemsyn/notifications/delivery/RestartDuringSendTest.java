package dk.gennemsyn.notifications.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service stops while it is in the middle of sending (the SMTP server has taken the connection and not answered):
 * the mail is neither lost nor sent twice once the service is back.
 */
class RestartDuringSendTest {

    @Test
    void aMailBeingSentWhenTheServiceStopsGoesOutOnceAfterTheRestart() throws Exception {
        Map<String, String> props = new LinkedHashMap<>(TestInfra.serviceProperties("notifications"));
        props.put("gennemsyn.mail.retry-base", "200ms");
        props.put("gennemsyn.mail.poll-interval", "200ms");
        props.put("gennemsyn.deadlines.initial-delay", "1h");
        props.put("gennemsyn.digest.initial-delay", "1h");
        props.put("micronaut.server.port", "-1");
        String db = props.get("datasources.default.url").substring(props.get("datasources.default.url").lastIndexOf('/') + 1);

        // An SMTP server that accepts the connection and then says nothing: the send hangs.
        AtomicInteger accepted = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket stalled = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!stalled.isClosed()) {
                        held.add(stalled.accept());
                        accepted.incrementAndGet();
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, String> first = new LinkedHashMap<>(props);
            first.put("gennemsyn.smtp.host", "127.0.0.1");
            first.put("gennemsyn.smtp.port", String.valueOf(stalled.getLocalPort()));
            first.put("gennemsyn.smtp.timeout", "60s");
            try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, (Map) first).getApplicationContext()) {
                String review = UUID.randomUUID().toString();
                TestEvents.publish(props, 1, TestEvents.envelope("0250", UUID.randomUUID().toString(), review,
                        ReviewCreated.newBuilder().setReview(Review.newBuilder().setReviewId(review).setTitle("G")
                                .setState("reviewing").setVersion(1).addPeople(ReviewPerson.newBuilder().setUserId("tov")
                                        .setName("Tovholder").setRole("tovholder").setEmail("tov@halsnaes.example"))).build()));
                Eventually.await(Duration.ofSeconds(10), "the review copied", () -> count(db, "select count(*) from reviews") == 1);
                TestEvents.publish(props, 1, TestEvents.envelope("0250", UUID.randomUUID().toString(), "c",
                        UrgentConcernRaised.newBuilder().setFindingId(UUID.randomUUID().toString()).setReviewId(review)
                                .setCaseId(UUID.randomUUID().toString()).setAlias("Sag 1").setRaisedBy("r").build()));
                Eventually.await(Duration.ofSeconds(10), "the send under way", () -> accepted.get() == 1);
            } // stops while the SMTP conversation hangs
            for (Socket s : held) {
                s.close();
            }
        }
        assertThat(count(db, "select count(*) from deliveries where channel = 'email' and state = 'sent'")).isZero();
        assertThat(count(db, "select count(*) from deliveries where channel = 'email'")).isEqualTo(1);

        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Map<String, String> second = new LinkedHashMap<>(props);
            second.put("gennemsyn.smtp.host", "127.0.0.1");
            second.put("gennemsyn.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
            try (ApplicationContext ctx = ApplicationContext.run(EmbeddedServer.class, (Map) second).getApplicationContext()) {
                Eventually.await(Duration.ofSeconds(15), "the mail sent after the restart",
                        () -> smtp.getReceivedMessages().length >= 1);
                // Settled: nothing waits to be sent any more, so a second copy would have arrived by now.
                Eventually.await(Duration.ofSeconds(15), "nothing left to send", () -> count(db,
                        "select count(*) from deliveries where state in ('pending', 'retrying')") == 0);
                assertThat(smtp.getReceivedMessages()).hasSize(1);
                assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("AKUT: bekymring for barnet i Sag 1");
                assertThat(count(db, "select count(*) from deliveries where channel = 'email' and state = 'sent'")).isEqualTo(1);
            }
        } finally {
            smtp.stop();
        }
    }

    static long count(String db, String sql) {
        try (Connection c = TestInfra.adminConnection(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
