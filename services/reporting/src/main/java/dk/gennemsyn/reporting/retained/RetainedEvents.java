package dk.gennemsyn.reporting.retained;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.AssessmentModerated;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.AssessmentValidated;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Keeps every assessment event reporting will build its read models from (per-case overview, screening rates,
 * agreement, findings and cost), exactly once (the inbox), so the models can be built and rebuilt from them.
 */
@Factory
class RetainedEvents {

    private final TenantTx tenantTx;

    RetainedEvents(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** A handler that retains events of one type. */
    private <T extends Message> EventHandler<T> retaining(Class<T> type) {
        return new EventHandler<>() {
            @Override
            public Class<T> eventType() {
                return type;
            }

            @Override
            public void handle(EventContext c, T event) {
                tenantTx.update("""
                        insert into retained_events (event_id, tenant, event_type, aggregate_id, occurred_at, payload)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""",
                        UUID.fromString(c.eventId()), c.tenant(), c.eventType(), c.aggregateId(), c.occurredAt(),
                        event.toByteArray());
            }
        };
    }

    @Singleton @Named("ScreeningResultChanged")
    EventHandler<ScreeningResultChanged> screeningResultChanged() {
        return retaining(ScreeningResultChanged.class);
    }

    @Singleton @Named("ReviewScreeningSummaryChanged")
    EventHandler<ReviewScreeningSummaryChanged> reviewScreeningSummaryChanged() {
        return retaining(ReviewScreeningSummaryChanged.class);
    }

    @Singleton @Named("AssessmentSubmitted")
    EventHandler<AssessmentSubmitted> assessmentSubmitted() {
        return retaining(AssessmentSubmitted.class);
    }

    @Singleton @Named("SecondReviewCompleted")
    EventHandler<SecondReviewCompleted> secondReviewCompleted() {
        return retaining(SecondReviewCompleted.class);
    }

    @Singleton @Named("AssessmentModerated")
    EventHandler<AssessmentModerated> assessmentModerated() {
        return retaining(AssessmentModerated.class);
    }

    @Singleton @Named("AssessmentValidated")
    EventHandler<AssessmentValidated> assessmentValidated() {
        return retaining(AssessmentValidated.class);
    }

    @Singleton @Named("ReviewAssessmentsValidated")
    EventHandler<ReviewAssessmentsValidated> reviewAssessmentsValidated() {
        return retaining(ReviewAssessmentsValidated.class);
    }

    @Singleton @Named("FindingRecorded")
    EventHandler<FindingRecorded> findingRecorded() {
        return retaining(FindingRecorded.class);
    }
}
