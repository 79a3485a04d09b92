package dk.gennemsyn.notifications.calendar;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantSettingRows extends GenericRepository<TenantSettingRow, String> {

    /** The tenant's settings (row-level security leaves its row only), if kept yet. */
    @Query("select * from tenant_settings")
    Optional<TenantSettingRow> current();

    @Query("insert into tenant_settings (tenant) values (:tenant) on conflict do nothing")
    long know(String tenant);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update tenant_settings set grundlovsdag_off = :grundlovsdagOff, christmas_eve_off = :christmasEveOff,
                new_years_eve_off = :newYearsEveOff, version = version + 1
            where version = :version""")
    long change(long version, boolean grundlovsdagOff, boolean christmasEveOff, boolean newYearsEveOff);
}
