package dk.gennemsyn.platform.db;

import dk.gennemsyn.platform.security.Tenants;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kommunekoder this service has data for, so background jobs (reminders, re-checks) know which tenants to
 * visit: row-level security hides every row until a tenant is bound. The event consumer remembers each event's
 * tenant; the table holds nothing else.
 */
@Singleton
public class KnownTenants {

    private final TransactionOperations<Connection> tx;
    private final Set<String> remembered = ConcurrentHashMap.newKeySet();

    public KnownTenants(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Once per tenant and process, in a transaction of its own (so a rolled-back caller cannot undo it). */
    public void remember(String tenant) {
        if (remembered.contains(Tenants.requireValid(tenant))) {
            return;
        }
        tx.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW), status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "insert into known_tenants (tenant) values (?) on conflict do nothing")) {
                ps.setString(1, tenant);
                ps.executeUpdate();
            }
            return null;
        });
        remembered.add(tenant);
    }

    public List<String> all() {
        return tx.executeRead(status -> {
            List<String> out = new ArrayList<>();
            try (var st = status.getConnection().createStatement();
                 ResultSet rs = st.executeQuery("select tenant from known_tenants order by tenant")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
