package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import jakarta.inject.Singleton;

import java.util.UUID;

/** Keeps the findings a recommendation can rest on (ids, alias, category, severity; never the text). */
@Singleton
class FindingRecordedHandler implements EventHandler<FindingRecorded> {

    private final ReviewRows rows;

    FindingRecordedHandler(ReviewRows rows) {
        this.rows = rows;
    }

    @Override
    public Class<FindingRecorded> eventType() {
        return FindingRecorded.class;
    }

    @Override
    public void handle(EventContext context, FindingRecorded e) {
        rows.upsertFinding(UUID.fromString(e.getFindingId()), context.tenant(), UUID.fromString(e.getReviewId()),
                UUID.fromString(e.getCaseId()), e.getAlias(), e.getCategory(), e.getSeverity(), e.getUrgent(),
                e.getBudgetRelevant(), e.getExpectedYearlyKr());
    }
}
