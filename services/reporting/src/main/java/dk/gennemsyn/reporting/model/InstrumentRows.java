package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InstrumentRows extends GenericRepository<InstrumentRow, UUID> {

    /** A publication; a later one of the same instrument renames it and replaces its questions. */
    @Query("""
            insert into instruments (instrument_id, tenant, name, version, questions)
            values (:instrumentId, :tenant, :name, :version, cast(:questions as jsonb))
            on conflict (instrument_id) do update set name = excluded.name, questions = excluded.questions""")
    long publish(UUID instrumentId, String tenant, String name, int version, String questions);

    /** The instrument's questions as JSON; {@code instrumentId} as text, as reviews carry it. */
    @Query("select cast(questions as text) from instruments where instrument_id = cast(:instrumentId as uuid)")
    Optional<String> questions(String instrumentId);
}
