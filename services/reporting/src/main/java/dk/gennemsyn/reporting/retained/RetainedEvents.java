package dk.gennemsyn.reporting.retained;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import dk.gennemsyn.proto.recommendations.v1.ActionCompleted;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/**
 * The events reporting has no read model of yet (reviews validated, actions completed): kept, so the reports that come to need them can be built over the whole history.
 */
@Singleton
class RetainedEvents implements MultiEventHandler {

    private final EventArchive archive;

    RetainedEvents(EventArchive archive) {
        this.archive = archive;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(ReviewAssessmentsValidated.class, ActionCompleted.class);
    }

    @Override
    public void handle(EventContext context, Message event) {
        archive.keep(context, event);
    }
}
