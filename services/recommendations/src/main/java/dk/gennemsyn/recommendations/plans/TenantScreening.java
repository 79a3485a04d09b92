package dk.gennemsyn.recommendations.plans;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One legal rule's result over all the tenant's cases, measured after one case-system import. */
@MappedEntity("tenant_screening")
public record TenantScreening(@Id UUID id, String tenant, UUID importId, String rule, String title, int met,
                              int notMet, Instant measuredAt) {

    /** Percent of the judged cases that met the rule (one decimal); null when no case could be judged. */
    public java.math.BigDecimal percentMet() {
        return BoundIndicators.percent(met, notMet);
    }
}
