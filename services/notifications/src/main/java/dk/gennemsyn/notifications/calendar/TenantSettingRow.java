package dk.gennemsyn.notifications.calendar;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The tenant's extra days off as stored; {@code version} (1 when first kept) is their ETag. */
@MappedEntity("tenant_settings")
record TenantSettingRow(@Id String tenant, boolean grundlovsdagOff, boolean christmasEveOff, boolean newYearsEveOff,
                        long version) {

    CalendarSettings.Settings view() {
        return new CalendarSettings.Settings(grundlovsdagOff, christmasEveOff, newYearsEveOff, version);
    }
}
