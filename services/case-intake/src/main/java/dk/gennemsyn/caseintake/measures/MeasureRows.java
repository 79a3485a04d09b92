package dk.gennemsyn.caseintake.measures;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MeasureRows extends CrudRepository<MeasureRow, UUID> {

    List<MeasureRow> listOrderByName();

    /** Is the name taken, whatever its case? */
    @Query("select exists (select 1 from measures where lower(name) = lower(:name))")
    boolean nameTaken(String name);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update measures set name = :name, target_group = :targetGroup, legal_basis_barnets_lov = :legalBasisBarnetsLov,
                legal_basis_serviceloven = :legalBasisServiceloven, price_per_year_kr = :pricePerYearKr,
                version = version + 1
            where id = :id and version = :version""")
    long change(UUID id, long version, String name, String targetGroup, String legalBasisBarnetsLov,
                String legalBasisServiceloven, long pricePerYearKr);
}
