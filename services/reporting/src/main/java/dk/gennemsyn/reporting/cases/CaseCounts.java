package dk.gennemsyn.reporting.cases;

import dk.gennemsyn.platform.db.TenantTx;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The registered-cases read model. The inbox makes each event count once. */
@Singleton
public class CaseCounts {

    @Serdeable
    public record Count(String caseType, long cases) {
    }

    private final TenantTx tenantTx;

    CaseCounts(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Inside the handler's transaction. */
    void increment(String tenant, String caseType) {
        try (PreparedStatement ps = tenantTx.connection().prepareStatement("""
                insert into case_counts (tenant, case_type, cases) values (?, ?, 1)
                on conflict (tenant, case_type) do update set cases = case_counts.cases + 1""")) {
            ps.setString(1, tenant);
            ps.setString(2, caseType);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Count> forTenant(String tenant) {
        return tenantTx.read(tenant, () -> {
            try (PreparedStatement ps = tenantTx.connection().prepareStatement(
                    "select case_type, cases from case_counts order by case_type");
                 ResultSet rs = ps.executeQuery()) {
                List<Count> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Count(rs.getString(1), rs.getLong(2)));
                }
                return out;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
