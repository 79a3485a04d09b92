package dk.gennemsyn.recommendations.meetings;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Meetings with the decisions in their minutes.
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MeetingRows extends CrudRepository<MeetingRow, UUID> {

    /** A decision in the minutes, with the code of the recommendation it concerns. */
    @Introspected
    record DecisionLine(UUID id, @Nullable UUID recommendationId, @Nullable String recommendationCode, String body,
                        @Nullable String decision) {
    }

    @Query("select * from meetings where review_id = :reviewId order by date, title")
    List<MeetingRow> ofReview(UUID reviewId);

    /**
     * Changes the version the change was made from (0 when that is stale): a blank title and no date keep what is
     * stored; the time and place are replaced together with the date; a new date is announced again.
     */
    @Query("""
            update meetings set title = case when :title = '' then title else :title end, date = coalesce(:date, date),
                start_time = case when :timed then :startTime else start_time end,
                end_time = case when :timed then :endTime else end_time end,
                location = case when :timed then :location else location end,
                cancelled = :cancelled, sequence = sequence + 1,
                agenda_sent_for = case when coalesce(:date, date) = date then agenda_sent_for end, version = version + 1
            where id = :id and version = :version""")
    long change(UUID id, long version, String title, @Nullable LocalDate date, boolean timed,
                @Nullable LocalTime startTime, @Nullable LocalTime endTime, String location, boolean cancelled);

    @Query("""
            select d.id, d.recommendation_id, r.code as recommendation_code, d.body, d.decision from meeting_decisions d
            left join recommendations r on r.id = d.recommendation_id where d.meeting_id = :meetingId
            order by d.recorded_at, d.id""")
    List<DecisionLine> decisions(UUID meetingId);

    /** A decision in the minutes; {@code recorded_at} is the transaction's time (the column's default). */
    @Query("""
            insert into meeting_decisions (id, tenant, meeting_id, recommendation_id, body, decision, recorded_by)
            values (:id, :tenant, :meetingId, :recommendationId, :body, :decision, :recordedBy)""")
    long addDecision(UUID id, String tenant, UUID meetingId, @Nullable UUID recommendationId, String body,
                     @Nullable String decision, String recordedBy);

    @Query("update meetings set minutes = :minutes, version = version + 1 where id = :id")
    long saveMinutes(UUID id, String minutes);

    /** Approved now, with the agenda the meeting had kept as text. */
    @Query("""
            update meetings set minutes_approved_at = now(), minutes_approved_by = :approvedBy, agenda = :agenda,
                version = version + 1
            where id = :id""")
    long approve(UUID id, String approvedBy, String agenda);

    /** The actions created at the meeting. */
    @Query("select count(*) from actions where meeting_id = :meetingId")
    int newActions(UUID meetingId);

    /** Meetings ahead whose agenda for their date is not announced yet, locked; others running the pass skip them. */
    @Query("""
            select id from meetings where not cancelled and minutes_approved_at is null and date >= :today
            and agenda_sent_for is distinct from date for update skip locked""")
    List<UUID> lockUnannounced(LocalDate today);

    @Query("update meetings set agenda_sent_for = date where id = :id")
    long markAgendaSent(UUID id);
}
