package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import jakarta.inject.Singleton;

@Singleton
class CaseSelectedForReviewHandler implements EventHandler<CaseSelectedForReview> {

    private final KnownCases knownCases;

    CaseSelectedForReviewHandler(KnownCases knownCases) {
        this.knownCases = knownCases;
    }

    @Override
    public Class<CaseSelectedForReview> eventType() {
        return CaseSelectedForReview.class;
    }

    @Override
    public void handle(EventContext context, CaseSelectedForReview event) {
        knownCases.select(context, event);
    }
}
