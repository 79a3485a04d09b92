package dk.gennemsyn.reporting.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.UUID;

/** An action of a plan (newest version); its measurements and escalation are in plan_action_progress. */
@MappedEntity("plan_actions")
record PlanActionRow(@Id UUID actionId, String tenant, UUID reviewId, UUID focusAreaId, String title, String owner,
                     LocalDate dueDate, String status, String indicator, @Nullable Double baseline,
                     @Nullable Double target, long version) {
}
