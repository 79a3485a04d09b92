package dk.gennemsyn.platform.events;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.probe.Probes;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.ServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A row is deleted once the broker confirmed its event; a row the broker returned stays for the next try. */
@MicronautTest(transactional = false)
class OutboxDeletionTest extends ServiceTest {

    @Inject TenantTx tenantTx;
    @Inject Outbox outbox;
    @Inject OutboxRelay relay;
    @Inject Probes probes;
    @Inject TransactionOperations<Connection> tx;

    @Override
    protected String service() {
        return "platform-test";
    }

    long outboxRows(String eventId) {
        return tx.executeRead(status -> {
            try (var ps = status.getConnection().prepareStatement("select count(*) from outbox where event_id = ?::uuid")) {
                ps.setString(1, eventId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void confirmedRowsAreDeletedAndUnroutableRowsAreKept() {
        String sent = tenantTx.write("0250", () -> {
            probes.insert("0250", "pruned");
            return outbox.append("0250", "pruned", ProbeRecorded.newBuilder().setProbeId("pruned").build());
        });
        Eventually.await(Duration.ofSeconds(10), "the event consumed", () -> tenantTx.read("0250", probes::received).contains("pruned"));
        Eventually.await(Duration.ofSeconds(10), "the sent row deleted", () -> outboxRows(sent) == 0);

        // Unroutable here (no queue binds CaseUpdated): it stays while the relay deletes what it sends.
        String unsent = tenantTx.write("0250", () -> outbox.append("0250", "kept",
                CaseUpdated.newBuilder().setCaseId("kept").build()));
        Eventually.await(Duration.ofSeconds(10), "the relay to try it", () -> "unroutable".equals(relay.unsent().get(unsent)));
        // A later event relayed and deleted is the signal that the relay passed again since (instead of a sleep).
        String later = tenantTx.write("0250", () -> outbox.append("0250", "later",
                ProbeRecorded.newBuilder().setProbeId("later").build()));
        Eventually.await(Duration.ofSeconds(10), "the later row sent and deleted", () -> outboxRows(later) == 0);
        assertThat(outboxRows(unsent)).isEqualTo(1);
    }
}
