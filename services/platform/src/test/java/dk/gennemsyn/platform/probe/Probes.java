package dk.gennemsyn.platform.probe;

import dk.gennemsyn.platform.db.TenantTx;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC on the test tables; every query deliberately "forgets" the tenant filter: RLS must hold. */
@Singleton
public class Probes {

    private final TenantTx tenantTx;

    Probes(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    public void insert(String tenant, String name) {
        update("insert into probe (tenant, name) values (?, ?)", tenant, name);
    }

    public List<String> names() {
        return strings("select name from probe order by id");
    }

    public void recordReceived(String eventId, String tenant, String probeId) {
        update("insert into probe_received (event_id, tenant, probe_id) values (?::uuid, ?, ?)", eventId, tenant, probeId);
    }

    public List<String> received() {
        return strings("select probe_id from probe_received order by received_at, probe_id");
    }

    private void update(String sql, String... args) {
        try (PreparedStatement ps = tenantTx.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String sql) {
        try (PreparedStatement ps = tenantTx.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
