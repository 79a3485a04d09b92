package dk.gennemsyn.reporting.retained;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;
import dk.gennemsyn.proto.assessment.v1.AssessmentModerated;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.AssessmentValidated;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import dk.gennemsyn.proto.recommendations.v1.ActionCompleted;
import dk.gennemsyn.proto.recommendations.v1.RecommendationDecided;
import dk.gennemsyn.proto.recommendations.v1.RecommendationIssued;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/**
 * The events reporting has no read model of yet (assessments, findings, recommendations and decisions): kept until
 * their reports are built from them (per-case overview, screening rates, agreement, cost, decisions).
 */
@Singleton
class RetainedEvents implements MultiEventHandler {

    private final EventArchive archive;

    RetainedEvents(EventArchive archive) {
        this.archive = archive;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(ScreeningResultChanged.class, ReviewScreeningSummaryChanged.class, AssessmentSubmitted.class,
                SecondReviewCompleted.class, AssessmentModerated.class, AssessmentValidated.class,
                ReviewAssessmentsValidated.class, FindingRecorded.class, RecommendationIssued.class,
                RecommendationDecided.class, ActionCompleted.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        archive.keep(context, event);
    }
}
