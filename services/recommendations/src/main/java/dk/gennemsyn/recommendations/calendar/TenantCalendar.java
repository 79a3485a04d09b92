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

    private final TenantTx tenantTx;

    TenantCalendar(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Inside a tenant transaction. */
    public WorkingDays workingDays() {
        return tenantTx.query("select grundlovsdag_off, christmas_eve_off, new_years_eve_off from tenant_calendar",
                        rs -> new WorkingDays(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
                .stream().findFirst().orElse(WorkingDays.PUBLIC_HOLIDAYS);
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
        tenantTx.update("""
                insert into tenant_calendar (tenant, grundlovsdag_off, christmas_eve_off, new_years_eve_off, version)
                values (?, ?, ?, ?, ?) on conflict (tenant) do update set grundlovsdag_off = excluded.grundlovsdag_off,
                    christmas_eve_off = excluded.christmas_eve_off, new_years_eve_off = excluded.new_years_eve_off,
                    version = excluded.version
                where tenant_calendar.version < excluded.version""",
                context.tenant(), e.getGrundlovsdagOff(), e.getChristmasEveOff(), e.getNewYearsEveOff(), e.getVersion());
    }
}
