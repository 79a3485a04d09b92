package dk.gennemsyn.notifications.caseintake;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * An erased review's cases: the messages about them go, with their deliveries (they name the case by alias).
 * Hand SQL, not a repository: one set-based delete over the event's list of cases.
 */
@Singleton
class ReviewCaseDataErasedHandler implements EventHandler<ReviewCaseDataErased> {

    private final TenantTx tenantTx;

    ReviewCaseDataErasedHandler(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Class<ReviewCaseDataErased> eventType() {
        return ReviewCaseDataErased.class;
    }

    @Override
    public void handle(EventContext context, ReviewCaseDataErased event) {
        UUID[] cases = event.getCaseIdsList().stream().map(UUID::fromString).toArray(UUID[]::new);
        tenantTx.update("delete from messages where case_id = any(?) or (review_id = ?::uuid and case_id is not null)",
                cases, event.getReviewId());
    }
}
