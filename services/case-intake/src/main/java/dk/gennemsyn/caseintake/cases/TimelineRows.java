package dk.gennemsyn.caseintake.cases;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TimelineRows extends GenericRepository<TimelineRows.TimelineRow, UUID> {

    /** The repository's entity; events are written and read by the statements below (created_at: the column's default). */
    @MappedEntity("timeline_events")
    @Introspected
    record TimelineRow(@Id UUID id, UUID caseId, String kind) {
    }

    /** The case's timeline by date (then as entered), with the measure's name. */
    @Query("""
            select t.id, t.case_id, t.kind, t.occurred_on as date, t.note, t.measure_id, m.name as measure_name,
                   t.legal_basis_barnets_lov, t.legal_basis_serviceloven, t.yearly_cost_kr, t.without_consent, t.source,
                   t.occurred_time as time
            from timeline_events t left join measures m on m.id = t.measure_id
            where t.case_id = :caseId order by t.occurred_on, t.created_at, t.id""")
    List<TimelineEntry> of(UUID caseId);

    /** An event entered by hand (an import never replaces it). */
    @Query("""
            insert into timeline_events (id, tenant, case_id, kind, occurred_on, note, measure_id, legal_basis_barnets_lov,
                                         legal_basis_serviceloven, yearly_cost_kr, without_consent, source, occurred_time)
            values (:id, :tenant, :caseId, :kind, :date, :note, :measureId, :legalBasisBarnetsLov, :legalBasisServiceloven,
                    :yearlyCostKr, :withoutConsent, 'manual', :time)""")
    long addManual(UUID id, String tenant, UUID caseId, String kind, LocalDate date, String note, @Nullable UUID measureId,
                   String legalBasisBarnetsLov, String legalBasisServiceloven, @Nullable Long yearlyCostKr,
                   boolean withoutConsent, @Nullable LocalTime time);

    @Query("delete from timeline_events where id = :id and case_id = :caseId")
    long remove(UUID id, UUID caseId);
}
