package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Keeps assessment's copy of registered cases. */
@Singleton
public class KnownCases implements EventHandler<CaseRegistered> {

    private final TenantTx tenantTx;

    KnownCases(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Class<CaseRegistered> eventType() {
        return CaseRegistered.class;
    }

    @Override
    public void handle(EventContext context, CaseRegistered event) {
        try (PreparedStatement ps = tenantTx.connection().prepareStatement("""
                insert into known_cases (case_id, tenant, alias, case_type, registered_at) values (?::uuid, ?, ?, ?, ?)
                on conflict (case_id) do nothing""")) {
            ps.setString(1, event.getCaseId());
            ps.setString(2, context.tenant());
            ps.setString(3, event.getAlias());
            ps.setString(4, event.getCaseType());
            ps.setTimestamp(5, Timestamp.from(context.occurredAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> aliases(String tenant) {
        return tenantTx.read(tenant, () -> {
            try (PreparedStatement ps = tenantTx.connection().prepareStatement(
                    "select alias from known_cases order by registered_at");
                 ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
