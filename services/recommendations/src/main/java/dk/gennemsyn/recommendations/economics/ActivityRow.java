package dk.gennemsyn.recommendations.economics;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.util.UUID;

/** A budgeted activity of the project as stored; {@code version} (1 when added) refuses a stale change. */
@MappedEntity("activities")
record ActivityRow(@Id UUID id, String tenant, UUID reviewId, String name, BigDecimal budgetHours, long budgetKr,
                   BigDecimal actualHours, long actualKr, long version) {

    Economics.Activity view() {
        return new Economics.Activity(id, name, budgetHours, budgetKr, actualHours, actualKr, version);
    }
}
