package dk.gennemsyn.reporting.plans;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A focus area of a review's plan as last prioritised. */
@MappedEntity("plan_focus_areas")
record PlanFocusAreaRow(@Id UUID focusAreaId, String tenant, UUID reviewId, String title, int priority, String horizon) {
}
