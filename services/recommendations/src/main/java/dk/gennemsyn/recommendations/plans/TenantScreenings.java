package dk.gennemsyn.recommendations.plans;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TenantScreenings extends CrudRepository<TenantScreening, UUID> {

    boolean existsByImportId(UUID importId);

    Optional<TenantScreening> findFirstByRuleOrderByMeasuredAtDesc(String rule);

    /** The newest measurement of each rule: the rules an indicator can be bound to, with their names. */
    @Query("select distinct on (rule) * from tenant_screening order by rule, measured_at desc")
    List<TenantScreening> newestPerRule();
}
