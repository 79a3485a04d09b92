package dk.gennemsyn.recommendations.hearings;

import io.micronaut.core.annotation.Introspected;
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
 * Hearing rounds with their versions, respondents and comments.
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface HearingRows extends CrudRepository<HearingRow, UUID> {

    /** A published version; the recommendations it covers as comma-separated ids (the column is a uuid[]). */
    @Introspected
    record VersionLine(int version, String body, String recommendationIds, String changeNote, String publishedBy,
                       Instant publishedAt) {
    }

    /** A comment with its respondent's name and the code of the recommendation it is about. */
    @Introspected
    record CommentLine(UUID id, int version, String respondent, String respondentName, @Nullable UUID recommendationId,
                       @Nullable String recommendationCode, String body, Instant submittedAt, String handling,
                       String handlingNote) {
    }

    /** The review's hearings, newest first, with how many were asked and how many answered. */
    @Query("""
            select h.id, h.title, h.state, h.closes_on, h.version,
                (select count(*) from hearing_respondents r where r.hearing_id = h.id) as respondents,
                (select count(distinct respondent) from hearing_comments c where c.hearing_id = h.id) as responded
            from hearings h where h.review_id = :reviewId order by h.opened_at desc""")
    List<Hearings.Summary> summaries(UUID reviewId);

    @Query("select exists (select 1 from recommendations where id = :id and review_id = :reviewId)")
    boolean isRecommendationOf(UUID id, UUID reviewId);

    /** Closes the round at the lock the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update hearings set state = 'closed', version = version + 1, lock = lock + 1
            where id = :id and lock = :lock""")
    long close(UUID id, long lock);

    /** A version; {@code recommendationIds} comma-separated (empty for none), stored as the uuid[] it is. */
    @Query("""
            insert into hearing_versions (tenant, hearing_id, version, body, recommendation_ids, change_note, published_by)
            values (:tenant, :hearingId, :version, :body, cast(string_to_array(:recommendationIds, ',') as uuid[]),
                    :changeNote, :publishedBy)""")
    long addVersion(String tenant, UUID hearingId, int version, String body, String recommendationIds, String changeNote,
                    String publishedBy);

    @Query("""
            select version, body, array_to_string(recommendation_ids, ',') as recommendation_ids, change_note,
                published_by, published_at
            from hearing_versions where hearing_id = :hearingId order by version""")
    List<VersionLine> versions(UUID hearingId);

    @Query("insert into hearing_respondents (tenant, hearing_id, user_id, name) values (:tenant, :hearingId, :userId, :name)")
    long addRespondent(String tenant, UUID hearingId, String userId, String name);

    /** The people heard, by name, and whether each has answered. */
    @Query("""
            select r.user_id, r.name, exists (select 1 from hearing_comments c where c.hearing_id = r.hearing_id
                and c.respondent = r.user_id) as responded
            from hearing_respondents r where r.hearing_id = :hearingId order by r.name""")
    List<Hearings.Respondent> respondents(UUID hearingId);

    /** A comment; {@code submitted_at} is the transaction's time (the column's default). */
    @Query("""
            insert into hearing_comments (id, tenant, hearing_id, version, respondent, recommendation_id, body)
            values (:id, :tenant, :hearingId, :version, :respondent, :recommendationId, :body)""")
    long addComment(UUID id, String tenant, UUID hearingId, int version, String respondent,
                    @Nullable UUID recommendationId, String body);

    @Query("""
            select c.id, c.version, c.respondent, coalesce(r.name, c.respondent) as respondent_name, c.recommendation_id,
                a.code as recommendation_code, c.body, c.submitted_at, c.handling, c.handling_note
            from hearing_comments c
            left join hearing_respondents r on r.hearing_id = c.hearing_id and r.user_id = c.respondent
            left join recommendations a on a.id = c.recommendation_id
            where c.hearing_id = :hearingId order by c.submitted_at, a.code nulls first, c.id""")
    List<CommentLine> comments(UUID hearingId);

    @Query("select hearing_id from hearing_comments where id = :commentId")
    Optional<UUID> hearingOfComment(UUID commentId);

    @Query("update hearing_comments set handling = :handling, handling_note = :note, handled_by = :handledBy where id = :commentId")
    long handle(UUID commentId, String handling, String note, String handledBy);
}
