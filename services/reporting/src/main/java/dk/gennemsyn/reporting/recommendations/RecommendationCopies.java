package dk.gennemsyn.reporting.recommendations;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.UUID;

/** Runs in the consumer's or the page's tenant transaction: row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RecommendationCopies extends CrudRepository<RecommendationCopy, UUID> {
}
