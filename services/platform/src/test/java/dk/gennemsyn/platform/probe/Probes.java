package dk.gennemsyn.platform.probe;

import dk.gennemsyn.platform.db.TenantTx;
import jakarta.inject.Singleton;

import java.util.List;

/** Plain JDBC on the test tables; every query deliberately "forgets" the tenant filter: RLS must hold. */
@Singleton
public class Probes {

    private final TenantTx tenantTx;

    Probes(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    public void insert(String tenant, String name) {
        tenantTx.update("insert into probe (tenant, name) values (?, ?)", tenant, name);
    }

    public java.util.Optional<Long> version(String name) {
        return tenantTx.query("select version from probe where name = ?", rs -> rs.getLong(1), name).stream().findFirst();
    }

    /** Compare-and-set on the version: false when someone else changed it first. */
    public boolean rename(String name, String newName, long expectedVersion) {
        return tenantTx.update("update probe set name = ?, version = version + 1 where name = ? and version = ?",
                newName, name, expectedVersion) == 1;
    }

    public List<String> names() {
        return tenantTx.query("select name from probe order by id", rs -> rs.getString(1));
    }

    public void recordReceived(String eventId, String tenant, String probeId) {
        tenantTx.update("insert into probe_received (event_id, tenant, probe_id) values (?::uuid, ?, ?)",
                eventId, tenant, probeId);
    }

    public List<String> received() {
        return tenantTx.query("select probe_id from probe_received order by received_at, probe_id", rs -> rs.getString(1));
    }
}
