package dk.gennemsyn.caseintake.cases;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** No tenant parameters: row-level security scopes every query to the transaction's tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseRepository extends CrudRepository<CaseRecord, UUID> {

    List<CaseRecord> listOrderByAliasNo();
}
