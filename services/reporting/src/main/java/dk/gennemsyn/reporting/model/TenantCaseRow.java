package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.UUID;

/** One of the tenant's cases (newest version): type, caseworker pseudonym, team, open, the cost of what runs. */
@MappedEntity("tenant_cases")
public record TenantCaseRow(@Id UUID caseId, String tenant, String caseType, String caseworker, boolean open,
                            long yearlyCostKr, long version, String team, @Nullable LocalDate openedOn) {
}
