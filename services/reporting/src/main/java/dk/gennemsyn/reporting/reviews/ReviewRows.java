package dk.gennemsyn.reporting.reviews;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReviewRows extends GenericRepository<ReviewRow, UUID> {

    /** The review's newest version; an older one arriving late changes nothing. */
    @Query("""
            insert into reviews (review_id, tenant, title, state, version, instrument_id, budget_warning_on)
            values (:reviewId, :tenant, :title, :state, :version, :instrumentId, :budgetWarningOn)
            on conflict (review_id) do update set title = excluded.title, state = excluded.state, version = excluded.version,
                instrument_id = excluded.instrument_id, budget_warning_on = excluded.budget_warning_on
            where reviews.version < excluded.version""")
    long update(UUID reviewId, String tenant, String title, String state, long version, String instrumentId,
                @Nullable LocalDate budgetWarningOn);

    Optional<ReviewRow> findById(UUID reviewId);

    List<ReviewRow> findAllOrderByTitle();
}
