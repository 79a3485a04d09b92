package dk.gennemsyn.caseintake.reviews;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InstrumentRows extends GenericRepository<InstrumentRow, String> {

    /** Keeps a published instrument; one delivered again changes nothing. */
    @Query("""
            insert into instruments (instrument_id, tenant, name, version) values (:instrumentId, :tenant, :name, :version)
            on conflict (instrument_id) do nothing""")
    long offer(String instrumentId, String tenant, String name, int version);

    /** By name, the newest version first. */
    @Query("select * from instruments order by name, version desc")
    List<InstrumentRow> inOrder();
}
