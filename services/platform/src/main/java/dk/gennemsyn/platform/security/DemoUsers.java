package dk.gennemsyn.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Demo users for local runs: one per role in each of the seeds' three municipalities and two more (the benchmark needs
 * five). Names are role labels, never real people.
 */
public final class DemoUsers {

    public record DemoUser(String id, String name, String tenant, String tenantName, String role) {
    }

    public static final Map<String, String> TENANTS = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.of(
            "0250", "Halsnæs Kommune",
            "0330", "Slagelse Kommune",
            "0573", "Varde Kommune",
            "0420", "Assens Kommune",
            "0479", "Svendborg Kommune")));

    private static final List<DemoUser> ALL = build();

    private DemoUsers() {
    }

    public static List<DemoUser> all() {
        return ALL;
    }

    public static Optional<DemoUser> byId(String id) {
        return ALL.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    private static List<DemoUser> build() {
        List<DemoUser> users = new ArrayList<>();
        for (String tenant : TENANTS.keySet()) {
            String town = TENANTS.get(tenant).replace(" Kommune", "");
            for (String role : Roles.TENANT_ROLES) {
                users.add(new DemoUser("demo-" + tenant + "-" + role, Roles.LABELS.get(role) + " (" + town + ")",
                        tenant, TENANTS.get(tenant), role));
            }
        }
        return List.copyOf(users);
    }
}
