package dk.gennemsyn.recommendations.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Actions with their progress notes and indicator values.
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ActionRows extends CrudRepository<ActionRow, UUID> {

    @Query("select * from actions where focus_area_id = :focusAreaId order by due_date, title")
    List<ActionRow> ofFocusArea(UUID focusAreaId);

    /** The review of an action or of a focus area (one id, either kind). */
    @Query("select review_id from actions where id = :id union all select review_id from focus_areas where id = :id")
    List<UUID> reviewOfActionOrArea(UUID id);

    /**
     * Changes the version the change was made from; 0 when that is not the current one (stale). A new due date is
     * announced again (its sent-for dates are cleared).
     */
    @Query("""
            update actions set title = :title, owner = :owner, owner_name = :ownerName, start_date = :startDate,
                due_date = :dueDate, indicator = :indicator, unit = :unit, baseline = :baseline, target = :target,
                measure_rule = :measureRule, version = version + 1,
                due_soon_sent_for = case when due_date = :dueDate then due_soon_sent_for end,
                overdue_sent_for = case when due_date = :dueDate then overdue_sent_for end
            where id = :id and version = :version""")
    long change(UUID id, long version, String title, String owner, String ownerName, @Nullable LocalDate startDate,
                LocalDate dueDate, String indicator, String unit, @Nullable BigDecimal baseline,
                @Nullable BigDecimal target, @Nullable String measureRule);

    /** Changes the status of the version the change was made from; 0 when that is stale. */
    @Query("""
            update actions set status = :status, status_reason = :reason, version = version + 1
            where id = :id and version = :version""")
    long changeStatus(UUID id, long version, String status, String reason);

    /** The open actions bound to a legal rule. */
    @Query("select id from actions where measure_rule = :rule and status not in ('done', 'dropped')")
    List<UUID> openBoundTo(String rule);

    /** Open actions with a due date not yet announced both ways, locked; others running the pass skip them. */
    @Query("""
            select * from actions
            where status not in ('done', 'dropped') and (due_soon_sent_for is distinct from due_date
                or overdue_sent_for is distinct from due_date)
            for update skip locked""")
    List<ActionRow> lockUnannounced();

    /** 1 when the overdue announcement of the current due date was not yet made (and is now marked made). */
    @Query("""
            update actions set overdue_sent_for = due_date, due_soon_sent_for = due_date
            where id = :id and overdue_sent_for is distinct from due_date""")
    long markOverdueSent(UUID id);

    /** 1 when the due-soon announcement of the current due date was not yet made (and is now marked made). */
    @Query("update actions set due_soon_sent_for = due_date where id = :id and due_soon_sent_for is distinct from due_date")
    long markDueSoonSent(UUID id);

    /** A progress note; {@code written_at} is the transaction's time (the column's default). */
    @Query("insert into action_notes (id, tenant, action_id, body, written_by) values (:id, :tenant, :actionId, :body, :writtenBy)")
    long addNote(UUID id, String tenant, UUID actionId, String body, String writtenBy);

    @Query("select body, written_by, written_at from action_notes where action_id = :actionId order by written_at desc")
    List<Plans.Note> notes(UUID actionId);

    /** A value typed in; {@code recorded_at} is the transaction's time (the column's default). */
    @Query("""
            insert into indicator_values (id, tenant, action_id, value, measured_on, recorded_by)
            values (:id, :tenant, :actionId, :value, :measuredOn, :recordedBy)""")
    long addValue(UUID id, String tenant, UUID actionId, BigDecimal value, LocalDate measuredOn, String recordedBy);

    /** A value measured by the screening of one import; 0 when the import already gave the action its value. */
    @Query("""
            insert into indicator_values (id, tenant, action_id, value, measured_on, recorded_by, recorded_at, import_id)
            values (:id, :tenant, :actionId, :value, :measuredOn, 'screening', :recordedAt, :importId)
            on conflict (action_id, import_id) do nothing""")
    long addMeasuredValue(UUID id, String tenant, UUID actionId, BigDecimal value, LocalDate measuredOn,
                          Instant recordedAt, UUID importId);

    @Query("delete from indicator_values where action_id = :actionId and import_id is not null")
    long removeMeasuredValues(UUID actionId);

    @Query("""
            select value, measured_on, import_id is not null as from_screening from indicator_values
            where action_id = :actionId order by measured_on, recorded_at""")
    List<Plans.Measurement> values(UUID actionId);

    /** When a note or a value was last added, if ever. */
    @Query("""
            select greatest((select max(written_at) from action_notes where action_id = :actionId),
                            (select max(recorded_at) from indicator_values where action_id = :actionId))""")
    Optional<Instant> lastProgress(UUID actionId);
}
