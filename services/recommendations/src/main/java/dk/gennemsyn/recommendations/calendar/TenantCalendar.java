package dk.gennemsyn.recommendations.calendar;

import dk.gennemsyn.platform.calendar.WorkingDays;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.notifications.v1.TenantCalendarChanged;
import jakarta.inject.Singleton;

/**
 * The tenant's working days, as its admin set them in notifications (Grundlovsdag, 24 and 31 December may be days
 * off), so a hearing deadline or the date meeting material is due falls on the same days notifications reminds on.
 */
@Singleton
public class TenantCalendar implements EventHandler<TenantCalendarChanged> {

    private final TenantCalendarRows rows;
    private final TenantTx tenantTx;

    TenantCalendar(TenantCalendarRows rows, TenantTx tenantTx) {
        this.rows = rows;
        this.tenantTx = tenantTx;
    }

    /** Inside a tenant transaction. */
    public WorkingDays workingDays() {
        // Row-level security leaves the one row of the bound tenant (none outside a tenant transaction).
        return rows.findAll().stream().findFirst()
                .map(c -> new WorkingDays(c.grundlovsdagOff(), c.christmasEveOff(), c.newYearsEveOff()))
                .orElse(WorkingDays.PUBLIC_HOLIDAYS);
    }

    /** In its own read transaction. */
    public WorkingDays of(String tenant) {
        return tenantTx.read(tenant, this::workingDays);
    }

    @Override
    public Class<TenantCalendarChanged> eventType() {
        return TenantCalendarChanged.class;
    }

    @Override
    public void handle(EventContext context, TenantCalendarChanged e) {
        rows.upsertNewer(context.tenant(), e.getGrundlovsdagOff(), e.getChristmasEveOff(), e.getNewYearsEveOff(),
                e.getVersion());
    }
}
