package dk.gennemsyn.reporting.reports;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/**
 * The tenant's opt-in (benchmark_opt_in) and its published figures (benchmark_figures: aggregates only, no row-level
 * security, so every statement here names the tenant).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface BenchmarkOptIns extends GenericRepository<BenchmarkOptInRow, String> {

    @Query("""
            insert into benchmark_opt_in (tenant, opted_in, changed_by) values (:tenant, :optedIn, :changedBy)
            on conflict (tenant) do update set opted_in = excluded.opted_in, changed_at = now(),
                changed_by = excluded.changed_by""")
    long choose(String tenant, boolean optedIn, String changedBy);

    @Query("select exists (select 1 from benchmark_opt_in where opted_in)")
    boolean optedIn();

    @Query("delete from benchmark_figures where tenant = :tenant")
    long withdraw(String tenant);

    @Query("insert into benchmark_figures (tenant, metric, value, cases) values (:tenant, :metric, :value, :cases)")
    long publish(String tenant, String metric, double value, int cases);
}
