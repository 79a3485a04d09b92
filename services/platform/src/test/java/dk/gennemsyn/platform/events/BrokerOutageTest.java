package dk.gennemsyn.platform.events;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.probe.Probes;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stops and starts the real broker: events written meanwhile wait in the outbox and are delivered after. */
@MicronautTest(transactional = false)
class BrokerOutageTest extends ServiceTest {

    static final String A = "0250";

    @Inject TenantTx tenantTx;
    @Inject Outbox outbox;
    @Inject OutboxRelay relay;
    @Inject Probes probes;
    @Inject MeterRegistry meters;

    @Override
    protected String service() {
        return "platform-test";
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownAreDeliveredOnceItIsBack() {
        commit("before-outage");
        Eventually.await(Duration.ofSeconds(10), "the consumer to be running", () -> received().contains("before-outage"));

        TestInfra.stopBroker();
        try {
            for (int i = 0; i < 3; i++) {
                commit("during-outage-" + i);
            }
            // Nothing can be confirmed while the broker is down: the rows stay unsent.
            Eventually.await(Duration.ofSeconds(5), "the relay to fail at least once", () -> relay.unsent().size() == 3);
            assertThat(received()).noneMatch(n -> n.startsWith("during-outage-"));
        } finally {
            TestInfra.startBroker();
        }
        Eventually.await(Duration.ofSeconds(60), "the events to be delivered after the outage",
                () -> received().stream().filter(n -> n.startsWith("during-outage-")).count() == 3);
        assertThat(relay.unsent()).isEmpty();
        assertThat(received().stream().filter(n -> n.startsWith("during-outage-")).distinct().count()).isEqualTo(3);
        assertThat(received().stream().filter(n -> n.startsWith("during-outage-"))).hasSize(3);
    }

    /**
     * While the broker is down, commits keep waking the relay; it must still back off (100 ms doubling to 10 s), not
     * try once per commit, and it shows its state as a metric.
     */
    @Test
    void whileTheBrokerIsDownTheRelayBacksOffWhateverCommitsWakeIt() throws Exception {
        commit("before-backoff");
        Eventually.await(Duration.ofSeconds(10), "the consumer to be running", () -> received().contains("before-backoff"));
        double failuresBefore = meters.counter("gennemsyn.outbox.relay.failures").count();
        TestInfra.stopBroker();
        try {
            commit("first-in-outage"); // the relay finds the broker gone when it has something to publish
            Eventually.await(Duration.ofSeconds(10), "the relay to notice", () -> failing() == 1.0);
            double atStart = meters.counter("gennemsyn.outbox.relay.failures").count();
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) { // 60 commits, each waking the relay, over 3 s
                commit("during-backoff-" + i);
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double attempts = meters.counter("gennemsyn.outbox.relay.failures").count() - atStart;
            // Backoff doubling from at least 200 ms allows at most about log2(seconds / 0.1) attempts, not 60.
            assertThat(attempts).as("relay attempts in %.1f s with the broker down", seconds).isLessThanOrEqualTo(6);
            assertThat(failing()).isEqualTo(1.0);
        } finally {
            TestInfra.startBroker();
        }
        Eventually.await(Duration.ofSeconds(60), "the events to be delivered after the outage",
                () -> received().stream().filter(n -> n.startsWith("during-backoff-")).count() == 60);
        Eventually.await(Duration.ofSeconds(5), "the relay state back to healthy", () -> failing() == 0.0);
        // Every declaration lives on a channel that survives, so the client's recovery repeats them without errors.
        assertThat(clientErrors.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("recovering topology"));
        assertThat(meters.counter("gennemsyn.outbox.relay.failures").count()).isGreaterThan(failuresBefore);
    }

    final ListAppender<ILoggingEvent> clientErrors = new ListAppender<>();

    @BeforeAll
    void captureClientErrors() {
        clientErrors.start();
        ((Logger) LoggerFactory.getLogger("com.rabbitmq.client.impl.ForgivingExceptionHandler")).addAppender(clientErrors);
    }

    @AfterAll
    void releaseClientErrors() {
        ((Logger) LoggerFactory.getLogger("com.rabbitmq.client.impl.ForgivingExceptionHandler")).detachAppender(clientErrors);
    }

    double failing() {
        return meters.get("gennemsyn.outbox.relay.failing").gauge().value();
    }

    @Test
    void rowsLeftUnsentWhenTheRelayStoppedArePublishedWhenItStartsAgain() {
        relay.stop(); // as in a crash: committed rows, nothing published
        try {
            for (int i = 0; i < 3; i++) {
                commit("left-by-crash-" + i);
            }
            assertThat(relay.unsent()).hasSize(3);
        } finally {
            relay.start();
        }
        Eventually.await(Duration.ofSeconds(20), "the rows published after the restart",
                () -> received().stream().filter(n -> n.startsWith("left-by-crash-")).count() == 3);
        assertThat(relay.unsent()).isEmpty();
    }

    void commit(String name) {
        tenantTx.write(A, () -> {
            probes.insert(A, name);
            outbox.append(A, name, ProbeRecorded.newBuilder().setProbeId(name).build());
        });
    }

    List<String> received() {
        return tenantTx.read(A, probes::received);
    }
}
