package dk.gennemsyn.notifications.rules;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.platform.db.TenantTx;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The repositories run in the tenant transaction: row-level security scopes them like the hand SQL before (issue 22). */
@MicronautTest(transactional = false)
class RepositoriesRowLevelSecurityTest extends NotificationsTest {

    private static final String A = "0165"; // tenants of their own: no other test sees these rules
    private static final String B = "0167";

    @Inject RuleRows rules;
    @Inject TenantTx tenantTx;

    @Test
    void theRuleRepositoryRunsUnderRowLevelSecurity() {
        UUID id = UUID.randomUUID();
        tenantTx.write(A, () -> rules.save(new RuleRow(id, A, "reminder.other", new String[] {"projektleder"}, "inbox",
                false, 2, true, 1)));
        assertThat(tenantTx.read(A, () -> rules.findById(id))).get()
                .extracting(r -> r.view().recipients()).asList().containsExactly("projektleder");
        assertThat(tenantTx.read(A, () -> rules.enabledWithPrefix("reminder."))).extracting(RuleRow::id).contains(id);
        // Another municipality, or no municipality bound at all, sees none of it and cannot change it.
        assertThat(tenantTx.read(B, () -> rules.findById(id))).isEmpty();
        assertThat(tenantTx.read(B, () -> rules.enabledWithPrefix("reminder."))).isEmpty();
        assertThat(tenantTx.write(B, () -> rules.change(id, 1, new String[] {"tovholder"}, "both", true, 3, true))).isZero();
        assertThat(rules.findById(id)).isEmpty();
        assertThat(rules.inOrder()).isEmpty();
        // The owner's change is a new version (the ETag's "v2"), with the array written whole.
        assertThat(tenantTx.write(A, () -> rules.change(id, 1, new String[] {"tovholder", "validator"}, "both", true, 3,
                true))).isEqualTo(1);
        assertThat(tenantTx.read(A, () -> rules.findById(id))).get().satisfies(r -> {
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.recipients()).containsExactly("tovholder", "validator");
        });
    }
}
