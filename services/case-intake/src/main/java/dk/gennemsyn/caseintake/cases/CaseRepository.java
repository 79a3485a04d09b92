package dk.gennemsyn.caseintake.cases;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.UUID;

/** No tenant parameters: row-level security scopes every query to the transaction's tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseRepository extends PageableRepository<CaseRecord, UUID> {
}
