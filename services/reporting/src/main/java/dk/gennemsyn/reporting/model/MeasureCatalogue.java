package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MeasureCatalogue extends GenericRepository<MeasureCatalogueRow, UUID> {

    /** The measure's newest version; an older one arriving late changes nothing. */
    @Query("""
            insert into measure_catalogue (tenant, measure_id, name, legal_basis_bl, legal_basis_sel, price_per_year_kr,
                version)
            values (:tenant, :measureId, :name, :legalBasisBl, :legalBasisSel, :pricePerYearKr, :version)
            on conflict (measure_id) do update set name = excluded.name, legal_basis_bl = excluded.legal_basis_bl,
                legal_basis_sel = excluded.legal_basis_sel, price_per_year_kr = excluded.price_per_year_kr,
                version = excluded.version
            where measure_catalogue.version < excluded.version""")
    long change(String tenant, UUID measureId, String name, String legalBasisBl, String legalBasisSel,
                long pricePerYearKr, long version);
}
