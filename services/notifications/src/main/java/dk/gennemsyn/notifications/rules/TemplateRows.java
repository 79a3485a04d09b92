package dk.gennemsyn.notifications.rules;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TemplateRows extends GenericRepository<TemplateRow, String> {

    @Query("select * from templates where trigger = :trigger")
    Optional<TemplateRow> find(String trigger);

    /** The tenant's wording, first written or changed (a new version). */
    @Query("""
            insert into templates (tenant, trigger, subject, body, updated_by) values (:tenant, :trigger, :subject, :body, :updatedBy)
            on conflict (tenant, trigger) do update set subject = excluded.subject, body = excluded.body,
                updated_by = excluded.updated_by, updated_at = now(), version = templates.version + 1""")
    long write(String tenant, String trigger, String subject, String body, String updatedBy);

    @Query("delete from templates where trigger = :trigger")
    long remove(String trigger);
}
