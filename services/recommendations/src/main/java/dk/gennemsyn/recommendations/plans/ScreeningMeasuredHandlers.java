package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.TenantScreeningMeasured;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The screening measurements bound indicators are made of (assessment's events). */
@Factory
class ScreeningMeasuredHandlers {

    @Singleton
    EventHandler<TenantScreeningMeasured> tenantMeasured(BoundIndicators indicators) {
        return new EventHandler<>() {
            @Override
            public Class<TenantScreeningMeasured> eventType() {
                return TenantScreeningMeasured.class;
            }

            @Override
            public void handle(EventContext context, TenantScreeningMeasured e) {
                indicators.tenantMeasured(context.tenant(), e);
            }
        };
    }

    @Singleton
    EventHandler<ReviewScreeningSummaryChanged> reviewMeasured(BoundIndicators indicators) {
        return new EventHandler<>() {
            @Override
            public Class<ReviewScreeningSummaryChanged> eventType() {
                return ReviewScreeningSummaryChanged.class;
            }

            @Override
            public void handle(EventContext context, ReviewScreeningSummaryChanged e) {
                indicators.reviewMeasured(context.tenant(), e);
            }
        };
    }
}
