package dk.gennemsyn.recommendations.reviews;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The copies of other services' data about reviews: the reviews with their people, their findings and the cases
 * under blind second review. Upserts, because events may come twice or out of order.
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReviewRows extends CrudRepository<ReviewRow, UUID> {

    /** The review as the event has it, unless a newer version is already kept; 0 when it was not newer. */
    @Query("""
            insert into reviews (review_id, tenant, title, state, version) values (:reviewId, :tenant, :title, :state, :version)
            on conflict (review_id) do update set title = excluded.title, state = excluded.state, version = excluded.version
            where reviews.version < excluded.version""")
    long upsertNewer(UUID reviewId, String tenant, String title, String state, long version);

    @Query("select * from reviews order by title")
    List<ReviewRow> byTitle();

    @Query("delete from review_people where review_id = :reviewId")
    long clearPeople(UUID reviewId);

    @Query("""
            insert into review_people (tenant, review_id, user_id, name, role, access_from, access_to, revoked)
            values (:tenant, :reviewId, :userId, :name, :role, :accessFrom, :accessTo, :revoked) on conflict do nothing""")
    long addPerson(String tenant, UUID reviewId, String userId, String name, String role, @Nullable Instant accessFrom,
                   @Nullable Instant accessTo, boolean revoked);

    /** The review's people (one row per person and role), revoked ones left out. */
    @Query("select user_id, name, role from review_people where review_id = :reviewId and not revoked order by role, name")
    List<ReviewCopies.Person> people(UUID reviewId);

    @Query("select min(name) from review_people where review_id = :reviewId and user_id = :userId")
    Optional<String> name(UUID reviewId, String userId);

    @Query("""
            select exists (select 1 from review_people where review_id = :reviewId and user_id = :userId and not revoked
                and (access_from is null or access_from <= :now) and (access_to is null or access_to > :now))""")
    boolean isActiveMember(UUID reviewId, String userId, Instant now);

    /** A finding as assessment recorded it; a repeated event updates what may have changed. */
    @Query("""
            insert into findings (finding_id, tenant, review_id, case_id, alias, category, severity, urgent,
                budget_relevant, expected_yearly_kr)
            values (:findingId, :tenant, :reviewId, :caseId, :alias, :category, :severity, :urgent, :budgetRelevant,
                :expectedYearlyKr)
            on conflict (finding_id) do update set category = excluded.category, severity = excluded.severity,
                urgent = excluded.urgent, budget_relevant = excluded.budget_relevant,
                expected_yearly_kr = excluded.expected_yearly_kr""")
    long upsertFinding(UUID findingId, String tenant, UUID reviewId, UUID caseId, String alias, String category,
                       String severity, boolean urgent, boolean budgetRelevant, long expectedYearlyKr);

    @Query("""
            insert into blind_cases (tenant, review_id, case_id, reviewers, completed)
            values (:tenant, :reviewId, :caseId, :reviewers, false)
            on conflict (review_id, case_id) do update set reviewers = excluded.reviewers""")
    long blind(String tenant, UUID reviewId, UUID caseId, String[] reviewers);

    @Query("""
            insert into blind_cases (tenant, review_id, case_id, reviewers, completed)
            values (:tenant, :reviewId, :caseId, '{}', true)
            on conflict (review_id, case_id) do update set completed = true""")
    long blindnessEnded(String tenant, UUID reviewId, UUID caseId);

    @Query("select case_id from blind_cases where review_id = :reviewId and not completed and :userId = any(reviewers)")
    List<UUID> blindTo(UUID reviewId, String userId);
}
