package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import jakarta.inject.Singleton;

/**
 * A closed review's case-level data is erased: its findings and the case references in recommendations' evidence go.
 * The recommendations, decisions and plan stay: they are about the municipality's practice, not about a child.
 * Hand SQL, not a repository: set-based deletes of everything the review's cases touch, across four tables.
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
        tenantTx.update("""
                delete from recommendation_evidence where recommendation_id in
                    (select id from recommendations where review_id = ?::uuid)""", event.getReviewId());
        // The history of what a recommendation rested on names the cases too.
        tenantTx.update("""
                delete from changes where field = ? and object_id in
                    (select id from recommendations where review_id = ?::uuid)""",
                dk.gennemsyn.recommendations.recs.Recommendations.EVIDENCE_FIELD, event.getReviewId());
        tenantTx.update("delete from findings where review_id = ?::uuid", event.getReviewId());
        tenantTx.update("delete from blind_cases where review_id = ?::uuid", event.getReviewId());
    }
}
