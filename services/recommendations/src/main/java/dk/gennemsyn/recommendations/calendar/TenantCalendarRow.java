package dk.gennemsyn.recommendations.calendar;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The tenant's own days off as notifications last announced them; {@code version} is notifications' (newest wins). */
@MappedEntity("tenant_calendar")
record TenantCalendarRow(@Id String tenant, boolean grundlovsdagOff, boolean christmasEveOff, boolean newYearsEveOff,
                         long version) {
}
