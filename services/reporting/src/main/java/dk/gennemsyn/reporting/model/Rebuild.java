package dk.gennemsyn.reporting.model;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventTypes;
import dk.gennemsyn.platform.security.Caller;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a tenant's read models again from scratch: they are emptied and the archived events replayed through the
 * same code that applied them first, in the order they occurred. Possible because reporting keeps every event it
 * builds from (docs/architecture.md), so no producer has to publish its history again. Hand SQL, not a repository:
 * set-based deletes of whole tables and a cursor streaming the archive (fetch size 500), never held in memory.
 */
@Singleton
public class Rebuild {

    static final List<String> MODELS = List.of("reviews", "instruments", "review_cases", "case_assessments",
            "case_moderations", "case_validations", "case_findings", "case_screenings", "review_screenings", "tenant_cases",
            "compliance_months", "plan_focus_areas", "plan_actions", "plan_action_progress", "blind_cases",
            "case_measures", "measure_catalogue", "legal_rules");

    private final TenantTx tenantTx;
    private final Map<String, Object[]> appliers = new HashMap<>();

    Rebuild(TenantTx tenantTx, List<Projection> projections) {
        this.tenantTx = tenantTx;
        for (Projection p : projections) {
            for (Class<? extends Message> type : p.eventTypes()) {
                appliers.put(EventTypes.of(type), new Object[]{p, parser(type)});
            }
        }
    }

    /** Returns the number of events replayed. */
    public int run(Caller caller) {
        return tenantTx.write(caller.tenant(), () -> {
            for (String table : MODELS) {
                tenantTx.update("delete from " + table);
            }
            int[] n = {0};
            tenantTx.forEach("select event_id, event_type, aggregate_id, occurred_at, payload from retained_events "
                    + "order by occurred_at, event_id", 500, rs -> {
                Object[] applier = appliers.get(rs.getString(2));
                if (applier == null) {
                    return; // archived for a report not built yet
                }
                try {
                    Message event = ((Parser<? extends Message>) applier[1]).parseFrom(rs.getBytes(5));
                    EventContext c = new EventContext(rs.getString(1), caller.tenant(), rs.getString(2),
                            rs.getTimestamp(4).toInstant(), "rebuild", "reporting", rs.getString(3));
                    ((Projection) applier[0]).apply(c, event);
                    n[0]++;
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            });
            return n[0];
        });
    }

    @SuppressWarnings("unchecked")
    private static Parser<? extends Message> parser(Class<? extends Message> type) {
        try {
            return (Parser<? extends Message>) type.getMethod("parser").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName(), e);
        }
    }
}
