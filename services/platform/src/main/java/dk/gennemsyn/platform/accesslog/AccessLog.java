package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Records every read and change of case data (who, tenant, which case, what, when, why) in the
 * append-only access_log table, inside the transaction that reads or changes the case: no log, no data.
 * The application role may insert and select, never update or delete.
 */
@Singleton
public class AccessLog {

    public enum Action { READ, CREATE, UPDATE, DELETE, REVEAL, REFUSED }

    @Serdeable
    public record Entry(Instant occurredAt, String actor, String actorRoles, String caseId, String action,
                        String purpose) {
    }

    private final TenantTx tenantTx;

    public AccessLog(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Must run inside {@link TenantTx} for the caller's tenant. */
    public void record(Caller caller, String caseId, Action action, String purpose) {
        tenantTx.update("""
                insert into access_log (tenant, actor, actor_roles, case_id, action, purpose)
                values (?, ?, ?, ?, ?, ?)""",
                caller.tenant(), caller.userId(), String.join(",", caller.roles()), caseId, action.name(), purpose);
    }

    /** One entry per case, in one statement: a list page of 50 cases must not cost 50 round trips. Inside TenantTx. */
    public void recordAll(Caller caller, java.util.Collection<String> caseIds, Action action, String purpose) {
        if (caseIds.isEmpty()) {
            return;
        }
        tenantTx.update("""
                insert into access_log (tenant, actor, actor_roles, case_id, action, purpose)
                select ?, ?, ?, c, ?, ? from unnest(?::text[]) with ordinality as ids(c, n) order by n""",
                caller.tenant(), caller.userId(), String.join(",", caller.roles()), action.name(), purpose,
                tenantTx.array("text", caseIds));
    }

    /** "Who has seen this case": every entry for one case, oldest first. Inside TenantTx. */
    public List<Entry> forCase(String caseId) {
        return tenantTx.query("""
                select occurred_at, actor, actor_roles, case_id, action, purpose from access_log
                where case_id = ? order by occurred_at, id""",
                rs -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)),
                caseId);
    }
}
