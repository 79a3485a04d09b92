package dk.gennemsyn.notifications.reviews;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The copy of the reviews and their people (review_people has no entity of its own: it is written whole per snapshot).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReviewRows extends GenericRepository<ReviewRow, UUID> {

    /** The snapshot, unless the copy is as new or newer; 0 when it was not newer. */
    @Query("""
            insert into reviews (review_id, tenant, title, state, version) values (:reviewId, :tenant, :title, :state, :version)
            on conflict (review_id) do update set title = excluded.title, state = excluded.state, version = excluded.version
            where reviews.version < excluded.version""")
    long applyNewer(UUID reviewId, String tenant, String title, String state, long version);

    @Query("select * from reviews where review_id = :reviewId")
    Optional<ReviewRow> find(UUID reviewId);

    @Query("select * from reviews order by title")
    List<ReviewRow> byTitle();

    /** The reviews the user is (or was) in, by title. */
    @Query("""
            select r.* from reviews r
            where exists (select 1 from review_people p where p.review_id = r.review_id and p.user_id = :userId)
            order by title""")
    List<ReviewRow> byTitleOf(String userId);

    @Query("delete from review_people where review_id = :reviewId")
    long forgetPeople(UUID reviewId);

    @Query("""
            insert into review_people (tenant, review_id, user_id, name, email, role, access_to, revoked)
            values (:tenant, :reviewId, :userId, :name, :email, :role, :accessTo, :revoked) on conflict do nothing""")
    long addPerson(String tenant, UUID reviewId, String userId, String name, String email, String role,
                   @Nullable Instant accessTo, boolean revoked);

    /** The review's people in these roles who can still be reached (not revoked, not expired), by user id. */
    @Query("""
            select user_id, min(name) as name, max(email) as email from review_people
            where review_id = :reviewId and role in (:roles) and not revoked and (access_to is null or access_to > :now)
            group by user_id order by user_id""")
    List<ReviewCopies.Recipient> inRoles(UUID reviewId, List<String> roles, Instant now);

    @Query("""
            select user_id, min(name) as name, max(email) as email from review_people
            where review_id = :reviewId and user_id = :userId and not revoked and (access_to is null or access_to > :now)
            group by user_id""")
    Optional<ReviewCopies.Recipient> person(UUID reviewId, String userId, Instant now);

    @Query("select exists (select 1 from review_people where review_id = :reviewId and user_id = :userId)")
    boolean knows(UUID reviewId, String userId);

    /** The person's e-mail address in any review (the greatest, as max(email) would give), if any. */
    @Query("select email from review_people where user_id = :userId and email <> '' order by email desc limit 1")
    Optional<String> address(String userId);
}
