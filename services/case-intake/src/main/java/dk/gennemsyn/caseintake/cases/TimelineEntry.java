package dk.gennemsyn.caseintake.cases;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** One dated event on a case's timeline. */
@Introspected
public record TimelineEntry(UUID id, UUID caseId, String kind, LocalDate date, String note, @Nullable UUID measureId,
                            @Nullable String measureName, String legalBasisBarnetsLov, String legalBasisServiceloven,
                            @Nullable Long yearlyCostKr, boolean withoutConsent, String source, @Nullable LocalTime time) {

    /** The columns {@link #map} reads (the import's stream of cases). */
    public static final String COLUMNS = "t.id, t.case_id, t.kind, t.occurred_on, t.note, t.measure_id, m.name, "
            + "t.legal_basis_barnets_lov, t.legal_basis_serviceloven, t.yearly_cost_kr, t.without_consent, t.source, "
            + "t.occurred_time";

    public String label() {
        return TimelineKind.labelOf(kind);
    }

    /** Reads the {@link #COLUMNS} starting at column {@code first}. */
    public static TimelineEntry map(ResultSet rs, int first) throws SQLException {
        int o = first - 1;
        long cost = rs.getLong(o + 10);
        Long yearly = rs.wasNull() ? null : cost;
        return new TimelineEntry(rs.getObject(o + 1, UUID.class), rs.getObject(o + 2, UUID.class), rs.getString(o + 3),
                rs.getObject(o + 4, LocalDate.class), rs.getString(o + 5), rs.getObject(o + 6, UUID.class),
                rs.getString(o + 7), rs.getString(o + 8), rs.getString(o + 9), yearly, rs.getBoolean(o + 11),
                rs.getString(o + 12), rs.getObject(o + 13, LocalTime.class));
    }
}
