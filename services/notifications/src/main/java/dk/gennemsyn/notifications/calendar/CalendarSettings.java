package dk.gennemsyn.notifications.calendar;

import dk.gennemsyn.platform.calendar.WorkingDays;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.notifications.v1.TenantCalendarChanged;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * The days a tenant keeps free besides the public holidays: Grundlovsdag, 24 and 31 December. Each change is published
 * (TenantCalendarChanged), so recommendations counts hearing deadlines and meeting material on the same calendar.
 */
@Singleton
public class CalendarSettings {

    @Serdeable
    public record Settings(boolean grundlovsdagOff, boolean christmasEveOff, boolean newYearsEveOff, long version) {

        public WorkingDays workingDays() {
            return new WorkingDays(grundlovsdagOff, christmasEveOff, newYearsEveOff);
        }
    }

    private final TenantSettingRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;

    CalendarSettings(TenantSettingRows rows, TenantTx tenantTx, Outbox outbox) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
    }

    /** Inside a tenant transaction. */
    public WorkingDays workingDays() {
        return load().workingDays();
    }

    public Settings of(Caller caller) {
        return tenantTx.read(caller.tenant(), this::load);
    }

    public Settings save(Caller caller, long expectedVersion, boolean grundlovsdag, boolean christmasEve, boolean newYearsEve) {
        return tenantTx.write(caller.tenant(), () -> {
            rows.know(caller.tenant());
            if (rows.change(expectedVersion, grundlovsdag, christmasEve, newYearsEve) == 0) {
                throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                        "Kalenderen er ændret af en anden, siden du hentede den. Hent den igen.", null);
            }
            Settings saved = load();
            outbox.append(caller.tenant(), caller.tenant(), TenantCalendarChanged.newBuilder()
                    .setGrundlovsdagOff(saved.grundlovsdagOff()).setChristmasEveOff(saved.christmasEveOff())
                    .setNewYearsEveOff(saved.newYearsEveOff()).setVersion(saved.version()).build());
            return saved;
        });
    }

    private Settings load() {
        return rows.current().map(TenantSettingRow::view).orElse(new Settings(false, false, false, 1));
    }
}
