package dk.gennemsyn.caseintake.cases;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A case as case-intake keeps it: a pseudonymous alias, never a name or CPR number. */
@Introspected
public record CaseRecord(UUID id, String tenant, int aliasNo, String caseType, @Nullable Integer birthYear,
                         @Nullable String ageBand, @Nullable String team, @Nullable String caseworker, boolean open, boolean hasCaseNumber, Instant createdAt,
                         Instant updatedAt, long version) {

    /** The columns {@link #map} reads, for queries on {@code cases c} (the import's stream of cases). */
    public static final String COLUMNS = "c.id, c.tenant, c.alias_no, c.case_type, c.birth_year, c.age_band, c.team, "
            + "c.caseworker, c.open, c.case_no_hash is not null, c.created_at, c.updated_at, c.version";

    public String alias() {
        return "Sag " + aliasNo;
    }

    public static CaseRecord map(ResultSet rs) throws SQLException {
        int by = rs.getInt(5);
        return new CaseRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                rs.wasNull() ? null : by, rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
                rs.getBoolean(10), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), rs.getLong(13));
    }
}
