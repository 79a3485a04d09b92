package dk.gennemsyn.assessment.reviews;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reviews and their people (the people table has no id of its own).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReviewRows extends CrudRepository<ReviewRow, UUID> {

    /** A reviewer of a review. */
    @Introspected
    record Reviewer(String userId, String name) {
    }

    /** Adds or replaces the copy; 0 when the stored version is the same or newer (nothing changes then). */
    @Query("""
            insert into reviews (review_id, tenant, title, state, instrument_id, version)
            values (:reviewId, :tenant, :title, :state, :instrumentId, :version)
            on conflict (review_id) do update set title = excluded.title, state = excluded.state,
                instrument_id = excluded.instrument_id, version = excluded.version
            where reviews.version < excluded.version""")
    long upsertNewer(UUID reviewId, String tenant, String title, String state, String instrumentId, long version);

    @Query("select * from reviews order by title")
    List<ReviewRow> inOrder();

    @Query("delete from review_people where review_id = :reviewId")
    long removePeople(UUID reviewId);

    @Query("""
            insert into review_people (tenant, review_id, user_id, name, role, access_from, access_to, revoked)
            values (:tenant, :reviewId, :userId, :name, :role, :accessFrom, :accessTo, :revoked) on conflict do nothing""")
    long addPerson(String tenant, UUID reviewId, String userId, String name, String role, @Nullable Instant accessFrom,
                   @Nullable Instant accessTo, boolean revoked);

    @Query("""
            select user_id, name, role, access_from, access_to, revoked from review_people
            where review_id = :reviewId order by name, role""")
    List<ReviewCopies.Person> people(UUID reviewId);

    /** The review's reviewers whose access is active at {@code now}, by name. */
    @Query("""
            select distinct user_id, name from review_people where review_id = :reviewId and role = 'reviewer'
            and not revoked and (access_from is null or access_from <= :now) and (access_to is null or access_to > :now)
            order by name, user_id""")
    List<Reviewer> activeReviewers(UUID reviewId, Instant now);
}
