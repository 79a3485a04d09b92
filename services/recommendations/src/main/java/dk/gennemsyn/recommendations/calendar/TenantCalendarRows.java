package dk.gennemsyn.recommendations.calendar;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantCalendarRows extends CrudRepository<TenantCalendarRow, String> {

    /** The calendar as the event has it, unless a newer version is already kept; 0 when it was not newer. */
    @Query("""
            insert into tenant_calendar (tenant, grundlovsdag_off, christmas_eve_off, new_years_eve_off, version)
            values (:tenant, :grundlovsdagOff, :christmasEveOff, :newYearsEveOff, :version)
            on conflict (tenant) do update set grundlovsdag_off = excluded.grundlovsdag_off,
                christmas_eve_off = excluded.christmas_eve_off, new_years_eve_off = excluded.new_years_eve_off,
                version = excluded.version
            where tenant_calendar.version < excluded.version""")
    long upsertNewer(String tenant, boolean grundlovsdagOff, boolean christmasEveOff, boolean newYearsEveOff, long version);
}
