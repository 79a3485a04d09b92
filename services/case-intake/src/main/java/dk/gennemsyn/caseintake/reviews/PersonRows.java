package dk.gennemsyn.caseintake.reviews;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PersonRows extends CrudRepository<PersonRow, UUID> {

    /** The review's people by role, then name. */
    @Query("select * from review_people where review_id = :reviewId order by role, name")
    List<PersonRow> inOrder(UUID reviewId);

    boolean existsByReviewIdAndUserIdAndRole(UUID reviewId, String userId, String role);

    /** Ends the access now; 0 when the person is not in the review or already revoked. */
    @Query("update review_people set revoked_at = :at where id = :id and review_id = :reviewId and revoked_at is null")
    long revoke(UUID id, UUID reviewId, Instant at);

    /** Is the user an active member of the review now (any role)? */
    @Query("select exists (select 1 from reviews r where r.id = :reviewId and " + Membership.ACTIVE_MEMBER + ")")
    boolean activeMember(UUID reviewId, String userId, Instant now);

    /** Is the user an active reviewer of a review holding the case now? */
    @Query("""
            select exists (select 1 from review_cases rc join reviews r on r.id = rc.review_id
                           where rc.case_id = :caseId and\s""" + Membership.ACTIVE_REVIEWER + ")")
    boolean activeReviewerOfCase(UUID caseId, String userId, Instant now);
}
