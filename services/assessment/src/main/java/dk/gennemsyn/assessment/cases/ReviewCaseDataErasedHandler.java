package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import jakarta.inject.Singleton;

@Singleton
class ReviewCaseDataErasedHandler implements EventHandler<ReviewCaseDataErased> {

    private final KnownCases knownCases;

    ReviewCaseDataErasedHandler(KnownCases knownCases) {
        this.knownCases = knownCases;
    }

    @Override
    public Class<ReviewCaseDataErased> eventType() {
        return ReviewCaseDataErased.class;
    }

    @Override
    public void handle(EventContext context, ReviewCaseDataErased event) {
        knownCases.erase(event);
    }
}
