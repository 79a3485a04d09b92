package dk.gennemsyn.platform.events;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.probe.Probes;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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
