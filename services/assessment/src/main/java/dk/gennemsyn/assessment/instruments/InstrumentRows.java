package dk.gennemsyn.assessment.instruments;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InstrumentRows extends CrudRepository<InstrumentRow, UUID> {

    /** By name, newest version first. */
    @Query("select * from instruments order by name, version desc")
    List<InstrumentRow> inOrder();

    /** The family's next version number (callers hold the family's scope lock). */
    @Query("select max(version) + 1 from instruments where family = :family")
    int nextVersion(UUID family);

    /** A new draft version copied from another. */
    @Query("""
            insert into instruments (id, tenant, family, version, name, description, status, definition, based_on,
                                     created_by)
            values (:id, :tenant, :family, :version, :name, :description, 'draft', cast(:definition as jsonb), :basedOn,
                    :createdBy)""")
    long addDraft(UUID id, String tenant, UUID family, int version, String name, String description, String definition,
                  UUID basedOn, String createdBy);

    /** A shipped default, published; 0 when the tenant has it already. */
    @Query("""
            insert into instruments (id, tenant, family, version, name, description, status, definition, shipped,
                                     created_by, published_at)
            values (:id, :tenant, :family, 1, :name, :description, 'published', cast(:definition as jsonb), true,
                    'gennemsyn', now())
            on conflict (id) do nothing""")
    long seed(UUID id, String tenant, UUID family, String name, String description, String definition);

    /** Changes the draft from the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update instruments set name = :name, description = :description, definition = cast(:definition as jsonb),
                lock_version = lock_version + 1
            where id = :id and lock_version = :lockVersion""")
    long change(UUID id, long lockVersion, String name, String description, String definition);

    /** Publishes the version the request saw; 0 when stale. */
    @Query("""
            update instruments set status = 'published', published_at = now(), lock_version = lock_version + 1
            where id = :id and lock_version = :lockVersion""")
    long publish(UUID id, long lockVersion);
}
