package dk.gennemsyn.caseintake.sampling;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SamplingRows extends CrudRepository<SamplingRow, UUID> {

    boolean existsByReviewIdAndTier(UUID reviewId, String tier);

    List<SamplingRow> findByReviewIdOrderByDrawnAt(UUID reviewId);
}
